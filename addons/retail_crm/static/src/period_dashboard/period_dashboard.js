import { Component, onWillStart, useState } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";

/**
 * A dashboard of the last N days, for all branches or one: the buttons of the periods, the branch
 * selector and the reload. A dashboard gives its template, its `periods` and `fetchData()`.
 */
export class RetailPeriodDashboard extends Component {
    static props = ["*"];
    static periods = [7, 28, 91];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.periods = this.constructor.periods;
        this.state = useState({ days: 28, branchId: 0, branches: [], data: null });
        onWillStart(async () => {
            this.state.branches = await this.orm.searchRead("pos.config", [], ["name"], { order: "name" });
            await this.load();
        });
    }

    /** The figures of `this.state.days` days for the branch `this.state.branchId` (0: all). */
    async fetchData() {
        throw new Error("A period dashboard fetches its own data.");
    }

    async load() {
        this.state.data = await this.fetchData();
    }

    async setDays(days) {
        this.state.days = days;
        await this.load();
    }

    async onBranchChange(ev) {
        this.state.branchId = parseInt(ev.target.value) || 0;
        await this.load();
    }
}
