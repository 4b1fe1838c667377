import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { ConnectionLostError } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * A manager approves a cashier's discount above the branch's limit with their PIN. The PIN goes to
 * the server, which checks it and answers with a one-time token for this line and this percent.
 */
export class DiscountApprovalDialog extends Component {
    static template = "retail_vouchers.DiscountApprovalDialog";
    static components = { Dialog };
    static props = {
        line: Object,
        discount: Number,
        limit: Number,
        approvers: Array,
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.pos = usePos();
        this.pinRef = useRef("pin");
        this.state = useState({
            discount: this.props.discount,
            approverId: this.props.approvers.length === 1 ? this.props.approvers[0].id : false,
            pin: "",
            error: "",
            busy: false,
        });
        onMounted(() => this.pinRef.el?.focus());
    }

    get productName() {
        return this.props.line.get_full_product_name?.() || this.props.line.full_product_name || "";
    }

    onPinKeydown(ev) {
        if (ev.key === "Enter") {
            ev.stopPropagation();
            this.approve();
        }
    }

    async approve() {
        const discount = parseFloat(this.state.discount);
        if (!this.state.approverId) {
            this.state.error = _t("Choose the manager who approves.");
            return;
        }
        if (!this.state.pin) {
            this.state.error = _t("The manager types their PIN.");
            return;
        }
        if (!(discount > 0 && discount <= 100)) {
            this.state.error = _t("The discount is a percentage between 0 and 100.");
            return;
        }
        this.state.busy = true;
        try {
            const result = await this.pos.data.call("retail.discount.approval", "retail_pos_approve", [
                this.pos.config.id,
                this.props.line.uuid,
                discount,
                parseInt(this.state.approverId),
                this.state.pin,
            ], { session_id: this.pos.session.id });
            if (result.approved) {
                this.props.getPayload(result);
                this.props.close();
                return;
            }
            this.state.error = result.message;
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.state.error = _t(
                "The till is offline: a manager's approval needs the server. Apply at most %s% or try again once online.",
                this.props.limit
            );
        } finally {
            this.state.busy = false;
        }
        this.state.pin = "";
        this.pinRef.el?.focus();
    }
}
