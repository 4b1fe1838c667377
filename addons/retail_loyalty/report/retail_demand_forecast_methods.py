"""Weekly demand forecasting methods, in NumPy, and the backtest that picks one per series.

Each method takes the history (a 1-D array of weekly values, oldest first) and a horizon, and
returns the next ``horizon`` weeks. Smoothing parameters are fitted on the history by grid search
on the one-step-ahead squared error, the whole grid at once (arrays over the parameter grid, one
loop over the weeks), so a series of a few years fits in milliseconds.
"""
import numpy as np

SMOOTHING_GRID = np.array([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
TREND_GRID = np.array([0.0, 0.05, 0.1, 0.2])


def naive(history, horizon, season=None):
    """Baseline: the last week, repeated."""
    return np.full(horizon, float(history[-1]))


def seasonal_naive(history, horizon, season):
    """The same week one season earlier (a year for season = 52 weeks)."""
    return np.resize(np.asarray(history[-season:], dtype=float), horizon)


def simple_exponential_smoothing(history, horizon, season=None):
    """A level that follows the weeks with weight alpha; flat forecast."""
    history = np.asarray(history, dtype=float)
    levels = np.full(SMOOTHING_GRID.shape, history[0])
    errors = np.zeros(SMOOTHING_GRID.shape)
    for value in history[1:]:
        error = value - levels
        errors += error ** 2
        levels = levels + SMOOTHING_GRID * error
    return np.full(horizon, levels[np.argmin(errors)])


def holt_winters_additive(history, horizon, season):
    """Level, trend and additive weekly seasonality (Holt-Winters), started from the first two seasons."""
    history = np.asarray(history, dtype=float)
    alpha, beta, gamma = (grid.ravel() for grid in np.meshgrid(SMOOTHING_GRID, TREND_GRID, SMOOTHING_GRID))
    first, second = history[:season].mean(), history[season:2 * season].mean()
    level = np.full(alpha.shape, first)
    trend = np.full(alpha.shape, (second - first) / season)
    seasonal = np.tile(history[:season] - first, (alpha.size, 1))
    errors = np.zeros(alpha.shape)
    for week in range(season, history.size):
        slot = week % season
        value, last_seasonal = history[week], seasonal[:, slot]
        errors += (value - (level + trend + last_seasonal)) ** 2
        new_level = alpha * (value - last_seasonal) + (1 - alpha) * (level + trend)
        trend = beta * (new_level - level) + (1 - beta) * trend
        seasonal[:, slot] = gamma * (value - new_level) + (1 - gamma) * last_seasonal
        level = new_level
    best = np.argmin(errors)
    steps = np.arange(1, horizon + 1)
    slots = (history.size + steps - 1) % season
    return level[best] + steps * trend[best] + seasonal[best, slots]


# method: (function, weeks of history it needs given the season length)
METHODS = {
    "seasonal_naive": (seasonal_naive, lambda season: season),
    "exponential_smoothing": (simple_exponential_smoothing, lambda season: 2),
    "holt_winters": (holt_winters_additive, lambda season: 2 * season + 1),
}


def forecast(method, history, horizon, season):
    """Forecast with one method; demand is never negative."""
    function = naive if method == "naive" else METHODS[method][0]
    return np.maximum(function(np.asarray(history, dtype=float), horizon, season), 0.0)


def mean_absolute_error(actual, predicted):
    return float(np.mean(np.abs(np.asarray(actual, dtype=float) - np.asarray(predicted, dtype=float))))


def backtest(history, holdout, season):
    """Mean absolute error of the naive baseline and of every method the history is long enough for,
    each fitted on all but the last ``holdout`` weeks and scored on those weeks."""
    history = np.asarray(history, dtype=float)
    train, actual = history[:-holdout], history[-holdout:]
    errors = {"naive": mean_absolute_error(actual, forecast("naive", train, holdout, season))}
    for method, (_function, needed) in METHODS.items():
        if train.size >= needed(season):
            errors[method] = mean_absolute_error(actual, forecast(method, train, holdout, season))
    return errors


def best_method(errors):
    """The method (not the baseline) with the lowest backtest error; ties go to the simpler one."""
    candidates = [method for method in METHODS if method in errors]
    return min(candidates, key=lambda method: (errors[method], list(METHODS).index(method)))
