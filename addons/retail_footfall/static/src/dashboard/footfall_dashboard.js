import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/** Footfall at a glance: KPIs against the previous period, branches, weekday x hour heatmap. */
export class FootfallDashboard extends Component {
    static template = "retail_footfall.FootfallDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.periods = [7, 28, 91];
        this.state = useState({ days: 28, branchId: 0, branches: [], data: null });
        onWillStart(async () => {
            this.state.branches = await this.orm.searchRead("pos.config", [], ["name"], { order: "name" });
            await this.load();
        });
    }

    async load() {
        this.state.data = await this.orm.call("retail.footfall.report", "get_dashboard_data", [], {
            days: this.state.days,
            pos_config_id: this.state.branchId || false,
        });
    }

    async setDays(days) {
        this.state.days = days;
        await this.load();
    }

    async onBranchChange(ev) {
        this.state.branchId = parseInt(ev.target.value) || 0;
        await this.load();
    }

    openReport() {
        this.action.doAction("retail_footfall.retail_footfall_report_action");
    }
}

registry.category("actions").add("retail_footfall.dashboard", FootfallDashboard);
