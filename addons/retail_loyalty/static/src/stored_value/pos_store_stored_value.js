import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError, RPCError } from "@web/core/network/rpc";
import { reactive } from "@odoo/owl";

/**
 * Recoin at the till: the server is asked for one customer's card when it is needed, and every
 * amount spent is reserved on the server first. Without the server the till cannot take Recoin;
 * everything else keeps working.
 */
patch(PosStore.prototype, {
    async setup() {
        // the customer's card per (order, customer), asked once from the server
        this.retailSvCards = reactive({});
        this.retailSvAsked = new Set();
        await super.setup(...arguments);
    },
    /** The card shown next to the order: undefined while asked, {offline} without the server. */
    retailSvCardFor(order) {
        const partner = order?.get_partner();
        if (!partner || !this.models["pos.payment.method"].some((m) => m.retail_sv_program_ref)) {
            return false;
        }
        const key = `${order.uuid}|${partner.id}`;
        if (!this.retailSvAsked.has(key)) {
            this.retailSvAsked.add(key);
            this.retailSvFetchCard(partner)
                .then((card) => (this.retailSvCards[key] = card || false))
                .catch(() => (this.retailSvCards[key] = { offline: true }));
        }
        return this.retailSvCards[key];
    },
    /** Forget what the till knows of the customer's card (after a reservation or a release). */
    retailSvForget(partner) {
        for (const key of Object.keys(this.retailSvCards)) {
            if (key.endsWith(`|${partner.id}`)) {
                delete this.retailSvCards[key];
            }
        }
        for (const key of [...this.retailSvAsked]) {
            if (key.endsWith(`|${partner.id}`)) {
                this.retailSvAsked.delete(key);
            }
        }
    },
    retailSvIsRecoinMethod(method) {
        return Boolean(method?.retail_sv_program_ref);
    },
    retailSvIsTopupLine(line, method) {
        const product = line.product_id;
        if (!product) {
            return false;
        }
        const methods = method ? [method] : this.models["pos.payment.method"].getAll();
        return methods.some((m) => m.retail_sv_program_ref && m.retail_sv_topup_product_id?.id === product.id);
    },
    /** True when the order sells a Recoin top-up: such an order is never paid with Recoin. */
    retailSvHasTopup(order, method) {
        return order.lines.some((line) => this.retailSvIsTopupLine(line, method));
    },
    retailSvAlert(body, title = _t("Recoin")) {
        this.dialog.add(AlertDialog, { title, body });
    },
    /** Tell the cashier why Recoin could not be used; false for errors that are not ours. */
    retailSvError(error) {
        if (error instanceof ConnectionLostError) {
            this.retailSvAlert(
                _t(
                    "Recoin needs the server: the till is offline, so the card can neither be checked nor spent. Take another payment method; everything else keeps working offline."
                ),
                _t("Recoin unavailable offline")
            );
            return true;
        }
        if (error instanceof RPCError) {
            this.retailSvAlert(error.data?.message || error.message);
            return true;
        }
        throw error;
    },
    /** The customer's Recoin card {card_id, code, balance, available, level} or false (asks the server). */
    async retailSvFetchCard(partner) {
        return await this.data.call("loyalty.card", "retail_pos_stored_value", [
            partner.id,
            this.config.id,
        ]);
    },
    async retailSvReserve(card, amount, order) {
        return await this.data.call("retail.stored.value.reservation", "retail_pos_reserve", [
            card.card_id,
            amount,
            order.uuid,
            this.config.id,
        ]);
    },
    /** Give a reservation back; offline the scheduled expiry frees it later. */
    async retailSvRelease(token) {
        try {
            await this.data.call("retail.stored.value.reservation", "retail_pos_release", [token]);
        } catch (error) {
            console.warn("Recoin reservation not released now, it will expire:", error);
        }
    },
});
