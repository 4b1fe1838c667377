import { PosStore } from "@point_of_sale/app/store/pos_store";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { DiscountApprovalDialog } from "@retail_vouchers/discount_approval/discount_approval_dialog";

patch(PosStore.prototype, {
    /**
     * The highest discount the cashier may type on the order's lines without a manager (false: no
     * limit). The member's tier discount is never manual: up to it, no approval.
     */
    retailDiscountLimit(order) {
        if (!this.config.retail_discount_approval) {
            return false;
        }
        const memberPercent = this.retailMemberInfoFor?.(order)?.discountPercent || 0;
        return Math.max(this.config.retail_discount_limit, memberPercent);
    },
    retailCashierIsDiscountManager() {
        const cashier = this.get_cashier();
        return cashier?._role === "manager" || Boolean(cashier?.raw?.retail_discount_manager);
    },
    /** Manual discounts only (numpad, discount popup, discount barcode): tiers and policies set theirs directly. */
    async setDiscountFromUI(line, val) {
        const discount = parseFloat(val);
        const limit = this.retailDiscountLimit(line.order_id);
        const approved = line.uiState.retailApprovedDiscount;
        if (
            limit === false ||
            isNaN(discount) ||
            discount <= limit ||
            (line.retail_discount_approval_token && approved !== undefined && discount <= approved) ||
            this.retailCashierIsDiscountManager()
        ) {
            return await super.setDiscountFromUI(...arguments);
        }
        const typedOnNumpad = this.numpadMode === "discount" && Boolean(this.numberBuffer.get());
        const approval = await this.retailAskDiscountApproval(line, discount, limit);
        this.numberBuffer.reset();
        if (!approval) {
            // refused or cancelled: the line keeps the discount it had before the cashier typed
            const before = typedOnNumpad ? line.uiState.retailDiscountBeforeEntry : undefined;
            if (before !== undefined && before !== line.get_discount()) {
                await super.setDiscountFromUI(line, before);
            }
            return false;
        }
        line.retail_discount_approval_token = approval.token;
        line.uiState.retailApprovedDiscount = approval.discount;
        line.uiState.retailApprovedBy = approval.approver_name;
        return await super.setDiscountFromUI(line, approval.discount);
    },
    async retailAskDiscountApproval(line, discount, limit) {
        let approvers;
        try {
            approvers = await this.data.call("retail.discount.approval", "retail_pos_approvers", [
                this.config.id,
            ]);
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.dialog.add(AlertDialog, {
                title: _t("Manager's approval unavailable"),
                body: _t(
                    "The till is offline: a discount above %s% needs a manager's approval, which needs the server. Apply at most %s% or try again once online.",
                    limit,
                    limit
                ),
            });
            return false;
        }
        if (!approvers.length) {
            this.dialog.add(AlertDialog, {
                title: _t("Manager's approval unavailable"),
                body: _t(
                    "No manager of this shop has a till approval PIN: a discount above %s% cannot be approved.",
                    limit
                ),
            });
            return false;
        }
        return await makeAwaitable(this.dialog, DiscountApprovalDialog, {
            line,
            discount: Math.min(discount, 100),
            limit,
            approvers,
        });
    },
});
