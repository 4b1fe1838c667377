import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { RetailPeriodDashboard } from "@retail_crm/period_dashboard/period_dashboard";

/** Customers at a glance: revenue and margin against the previous period, per tier and segment,
 * the best customers and next week's demand; every block opens the pivot it comes from. */
export class CustomerDashboard extends RetailPeriodDashboard {
    static template = "retail_loyalty.CustomerDashboard";
    static periods = [7, 28, 91, 365];

    async fetchData() {
        return await this.orm.call("retail.customer.dashboard", "get_dashboard_data", [], {
            days: this.state.days,
            branch_id: this.state.branchId || false,
        });
    }

    trend(kpi) {
        if (kpi.change === null || kpi.change === undefined) {
            return { text: _t("no comparison"), cssClass: "text-muted" };
        }
        const sign = kpi.change > 0 ? "+" : "";
        const unit = kpi.change_unit === "pt" ? _t(" pt") : " %";
        return {
            text: _t("%(change)s vs %(previous)s before", {
                change: `${sign}${kpi.change.toFixed(1)}${unit}`,
                previous: kpi.previous,
            }),
            cssClass: kpi.change >= 0 ? "text-success" : "text-danger",
        };
    }

    openMargin(groupby, extraDomain = []) {
        this.action.doAction("retail_loyalty.retail_customer_margin_report_action", {
            additionalContext: { pivot_row_groupby: groupby, graph_groupbys: groupby },
            props: { domain: [...this.state.data.domain, ...extraDomain] },
        });
    }

    openForecast() {
        this.action.doAction("retail_loyalty.retail_demand_forecast_action");
    }
}

registry.category("actions").add("retail_loyalty.customer_dashboard", CustomerDashboard);
