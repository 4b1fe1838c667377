import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";

// A voucher or coupon line holds a serial reserved on the server: clearing it removes the line and
// gives the serial back; any other change is refused (the amount is the server's and the bill's).
patch(OrderSummary.prototype, {
    _setValue(val) {
        const line = this.currentOrder.get_selected_orderline();
        const reservation = line?.retailSerialReservation?.();
        if (!reservation) {
            return super._setValue(...arguments);
        }
        const clearing = val === "remove" || (val !== null && !parseFloat(val || 0));
        if (this.pos.numpadMode === "quantity" && clearing) {
            this.currentOrder.removeOrderline(line);
            this.numberBuffer.reset();
            if (!this.currentOrder.lines.includes(line)) {
                this.pos.retailReleaseSerial(reservation);
            }
            return;
        }
        this.numberBuffer.reset();
        this.dialog.add(AlertDialog, {
            title: _t("Voucher or coupon line"),
            body: _t("This line holds a serial reserved on the server. Remove it and scan the serial again to change it."),
        });
    },
});
