import { registry } from "@web/core/registry";
import { RetailPeriodDashboard } from "@retail_crm/period_dashboard/period_dashboard";

/** Footfall at a glance: KPIs against the previous period, branches, weekday x hour heatmap. */
export class FootfallDashboard extends RetailPeriodDashboard {
    static template = "retail_footfall.FootfallDashboard";

    async fetchData() {
        return await this.orm.call("retail.footfall.report", "get_dashboard_data", [], {
            days: this.state.days,
            pos_config_id: this.state.branchId || false,
        });
    }

    openReport() {
        this.action.doAction("retail_footfall.retail_footfall_report_action");
    }
}

registry.category("actions").add("retail_footfall.dashboard", FootfallDashboard);
