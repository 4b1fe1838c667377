import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/** A request or complaint taken at the till: subject, type, deadline and what the customer said. */
export class RetailCaseDialog extends Component {
    static template = "retail_crm.RetailCaseDialog";
    static components = { Dialog };
    static props = {
        partnerName: String,
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.state = useState({ name: "", case_type: "request", date_deadline: "", description: "" });
        this.caseTypes = [
            ["request", _t("Request")],
            ["complaint", _t("Complaint")],
            ["question", _t("Question")],
            ["other", _t("Other")],
        ];
    }
    get title() {
        return _t("New request from %s", this.props.partnerName);
    }
    async confirm() {
        if (!this.state.name.trim()) {
            return;
        }
        await this.props.getPayload({ ...this.state, name: this.state.name.trim() });
        this.props.close();
    }
}
