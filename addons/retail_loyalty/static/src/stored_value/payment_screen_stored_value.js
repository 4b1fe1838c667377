import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { NumberPopup } from "@point_of_sale/app/utils/input_popups/number_popup";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { floatIsZero } from "@web/core/utils/numbers";

patch(PaymentScreen.prototype, {
    async addNewPaymentLine(paymentMethod) {
        if (!this.pos.retailSvIsRecoinMethod(paymentMethod)) {
            return await super.addNewPaymentLine(...arguments);
        }
        return await this.retailSvAddLine(paymentMethod);
    },
    /**
     * A Recoin payment: ask the server for the customer's card, propose min(due, available),
     * reserve the amount on the server and keep the reservation token on the payment line.
     */
    async retailSvAddLine(paymentMethod) {
        const order = this.currentOrder;
        const partner = order.get_partner();
        if (this.pos.retailSvHasTopup(order, paymentMethod)) {
            this.pos.retailSvAlert(_t("A Recoin top-up cannot be paid with Recoin."));
            return false;
        }
        if (!partner) {
            this.pos.retailSvAlert(
                _t("Select the customer first: Recoin is spent from the customer's card.")
            );
            return false;
        }
        const due = order.get_due();
        const decimals = this.pos.currency.decimal_places;
        if (floatIsZero(due, decimals)) {
            return false;
        }
        if (due < 0) {
            // a refund paid back onto the customer's card: nothing to reserve
            return await super.addNewPaymentLine(paymentMethod);
        }
        let card;
        try {
            card = await this.pos.retailSvFetchCard(partner);
        } catch (error) {
            this.pos.retailSvError(error);
            return false;
        }
        if (!card) {
            this.pos.retailSvAlert(_t("%s has no Recoin card yet: top it up first.", partner.name));
            return false;
        }
        if (card.blocked) {
            this.pos.retailSvAlert(
                _t(
                    "Recoin card %s is blocked (%s): it cannot be spent until a manager unblocks it.",
                    card.code,
                    card.block_reason || "-"
                )
            );
            return false;
        }
        if (card.available <= 0) {
            this.pos.retailSvAlert(
                _t("Card %s has no Recoin available (balance %s).", card.code, this.env.utils.formatCurrency(card.balance))
            );
            return false;
        }
        const proposed = Math.min(due, card.available);
        const typed = await makeAwaitable(this.dialog, NumberPopup, {
            title: _t("Pay with Recoin"),
            subtitle: _t(
                "Card %s: %s available",
                card.code,
                this.env.utils.formatCurrency(card.available)
            ),
            startingValue: String(proposed),
            confirmButtonLabel: _t("Reserve"),
        });
        if (typed === undefined || typed === null || typed === "") {
            return false;
        }
        const amount = parseFloat(typed);
        if (!(amount > 0) || amount > proposed + 10 ** -decimals / 2) {
            this.pos.retailSvAlert(
                _t(
                    "Spend between 0 and %s of Recoin on this order.",
                    this.env.utils.formatCurrency(proposed)
                )
            );
            return false;
        }
        let reservation;
        try {
            reservation = await this.pos.retailSvReserve(card, amount, order);
        } catch (error) {
            this.pos.retailSvError(error);
            return false;
        }
        const line = order.add_paymentline(paymentMethod);
        if (!line) {
            await this.pos.retailSvRelease(reservation.token);
            return false;
        }
        line.set_amount(reservation.amount);
        line.retail_sv_token = reservation.token;
        this.pos.retailSvForget(partner);
        this.numberBuffer.reset();
        return true;
    },
    updateSelectedPaymentline(amount = false) {
        const line = this.selectedPaymentLine;
        if (line?.retail_sv_token && !this.paymentLines.every((l) => l.paid)) {
            // the amount is reserved on the server: it changes only by removing the line
            this.numberBuffer.reset();
            this.notification.add(
                _t("This Recoin amount is reserved: remove the line to spend another amount."),
                { type: "warning" }
            );
            return;
        }
        return super.updateSelectedPaymentline(...arguments);
    },
    deletePaymentLine(uuid) {
        const line = this.paymentLines.find((l) => l.uuid === uuid);
        const token = line?.retail_sv_token;
        const result = super.deletePaymentLine(...arguments);
        if (token && !this.paymentLines.some((l) => l.uuid === uuid)) {
            const partner = this.currentOrder.get_partner();
            this.pos.retailSvRelease(token).then(() => partner && this.pos.retailSvForget(partner));
        }
        return result;
    },
    async _isOrderValid(isForceValidate) {
        const order = this.currentOrder;
        const recoinLines = order.payment_ids.filter((line) =>
            this.pos.retailSvIsRecoinMethod(line.payment_method_id)
        );
        if (recoinLines.some((line) => line.amount > 0) && this.pos.retailSvHasTopup(order)) {
            this.pos.retailSvAlert(
                _t("A Recoin top-up cannot be paid with Recoin: remove the Recoin payment.")
            );
            return false;
        }
        if (recoinLines.some((line) => line.amount > 0 && !line.retail_sv_token)) {
            this.pos.retailSvAlert(
                _t("This Recoin payment was not reserved on the server: remove it and add it again.")
            );
            return false;
        }
        return await super._isOrderValid(...arguments);
    },
});
