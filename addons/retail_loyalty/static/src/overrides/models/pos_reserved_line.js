import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";

// Lines that hold something the server reserved for this order (product-card units, a voucher or
// coupon serial) describe it with retailReservation(): {model, token, title, body}. Such a line can
// only be removed, which gives the reservation back; deleting the order gives back all of them.
patch(PosOrderline.prototype, {
    retailReservation() {
        return null;
    },
});

patch(PosStore.prototype, {
    /** Give back what a removed line held; offline, the reservation simply lapses on the server. */
    retailRelease(reservation) {
        if (reservation?.token) {
            this.data.call(reservation.model, "retail_pos_release", [reservation.token]).catch(() => {});
        }
    },
    async onDeleteOrder(order) {
        const held = order.lines.map((line) => line.retailReservation()).filter(Boolean);
        const deleted = await super.onDeleteOrder(...arguments);
        if (deleted) {
            held.forEach((reservation) => this.retailRelease(reservation));
        }
        return deleted;
    },
});
