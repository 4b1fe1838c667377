import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { patch } from "@web/core/utils/patch";

// A line holding a server reservation (see pos_reserved_line.js) holds exactly what was reserved:
// clearing its quantity removes it and gives the reservation back; any other change is refused.
patch(OrderSummary.prototype, {
    _setValue(val) {
        const line = this.currentOrder.get_selected_orderline();
        const reservation = line?.retailReservation();
        if (!reservation) {
            return super._setValue(...arguments);
        }
        const clearing = val === "remove" || (val !== null && !parseFloat(val || 0));
        if (this.pos.numpadMode === "quantity" && clearing) {
            this.currentOrder.removeOrderline(line);
            this.numberBuffer.reset();
            if (!this.currentOrder.lines.includes(line)) {
                this.pos.retailRelease(reservation);
            }
            return;
        }
        this.numberBuffer.reset();
        this.dialog.add(AlertDialog, { title: reservation.title, body: reservation.body });
    },
});
