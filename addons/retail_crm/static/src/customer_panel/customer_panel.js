import { Component, onWillStart, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";
import { formatDateTime, deserializeDateTime } from "@web/core/l10n/dates";
import { RetailCaseDialog } from "@retail_crm/customer_panel/case_dialog";

/**
 * The order's customer at a glance: recent purchases, favourite products, notes, questionnaire
 * answers and open cases, asked from the server for this customer only when opened.
 */
export class RetailCustomerPanel extends Component {
    static template = "retail_crm.RetailCustomerPanel";
    static components = { Dialog };
    static props = {
        partner: Object,
        close: Function,
    };

    setup() {
        this.pos = usePos();
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.state = useState({ loading: true, offline: false, panel: {} });
        onWillStart(() => this.load());
    }
    get title() {
        return this.props.partner.name;
    }
    async load() {
        try {
            this.state.panel = await this.pos.data.call("res.partner", "retail_pos_customer_panel", [
                this.props.partner.id,
            ]);
            this.state.offline = false;
        } catch (error) {
            console.warn("Customer panel unavailable:", error);
            this.state.offline = true;
        }
        this.state.loading = false;
    }
    formatDate(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }
    formatAmount(amount) {
        return this.env.utils.formatCurrency(amount);
    }
    openRegistrationForm() {
        this.pos.retailAskRegistrationQuestions(this.pos.get_order());
    }
    openNewRequest() {
        const order = this.pos.get_order();
        this.dialog.add(RetailCaseDialog, {
            partnerName: this.props.partner.name,
            getPayload: async (values) => {
                const created = await this.pos.data.call("retail.case", "retail_pos_create_case", [
                    { ...values, partner_id: this.props.partner.id, order_uuid: order?.uuid },
                    this.pos.config.id,
                ]);
                this.state.panel.open_cases = [created, ...(this.state.panel.open_cases || [])];
                this.notification.add(_t("Request “%s” recorded", created.name), { type: "success" });
            },
        });
    }
}
