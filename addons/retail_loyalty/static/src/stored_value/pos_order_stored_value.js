import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /** The Recoin block of the receipt: the server's figures once the order is recorded. */
    retailReceiptRecoin() {
        if (!this.retail_sv_done || !(this.retail_sv_level_name || this.retail_sv_balance)) {
            return false;
        }
        const spent = this.payment_ids
            .filter((line) => line.payment_method_id?.retail_sv_program_ref && line.amount > 0)
            .reduce((total, line) => total + line.amount, 0);
        return {
            balance: this.retail_sv_balance || 0,
            accrued: this.retail_sv_accrued || 0,
            level: this.retail_sv_level_name || "",
            spent,
        };
    },
    export_for_printing() {
        return { ...super.export_for_printing(...arguments), retailRecoin: this.retailReceiptRecoin() };
    },
});
