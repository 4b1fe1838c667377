import { formatFloat } from "@web/core/utils/numbers";

/** Points as the till shows them: thousands separators, decimals only when there are some. */
export function formatPoints(value) {
    return formatFloat(value || 0, { digits: [69, 2], trailingZeros: false });
}

/** "x2" for a multiplier, nothing for 1. */
export function formatMultiplier(value) {
    return value && value !== 1 ? `x${formatFloat(value, { digits: [69, 2], trailingZeros: false })}` : "";
}

/** Whether an ISO date (YYYY-MM-DD) falls on today's month and day (29 February on 28 February). */
export function isBirthdayToday(isoDate, today = luxon.DateTime.local()) {
    if (!isoDate) {
        return false;
    }
    const [, month, day] = isoDate.split("-").map(Number);
    const lastDay = today.set({ month, day: 1 }).daysInMonth;
    return today.month === month && today.day === Math.min(day, lastDay);
}
