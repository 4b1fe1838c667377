import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError, RPCError } from "@web/core/network/rpc";
import { ask } from "@point_of_sale/app/store/make_awaitable_dialog";

patch(PosStore.prototype, {
    _retailCardAlert(body, title = _t("Member card")) {
        this.dialog.add(AlertDialog, { title, body });
    },
    _retailCardError(error) {
        if (error instanceof ConnectionLostError) {
            this._retailCardAlert(
                _t("Member cards cannot be checked while the till is offline. Select the customer instead.")
            );
        } else if (error instanceof RPCError) {
            this._retailCardAlert(error.data?.message || error.message);
        } else {
            throw error;
        }
    },
    async _retailLoadPartner(partnerId) {
        const known = this.models["res.partner"].get(partnerId);
        if (known) {
            return known;
        }
        const [partner] = await this.data.read("res.partner", [partnerId]);
        return partner;
    },
    /**
     * A member card number read at the till (scanned or typed): put its customer on the current
     * order, or activate a card not issued yet for the customer already on the order.
     * Returns false when no card has that number (said to the cashier unless `quietIfUnknown`).
     */
    async retailReadMemberCard(number, { quietIfUnknown = false } = {}) {
        number = (number || "").trim();
        const order = this.get_order();
        if (!number || !order) {
            return false;
        }
        let card;
        try {
            card = await this.data.call("retail.member.card", "retail_pos_find_card", [
                number,
                this.config.id,
            ]);
        } catch (error) {
            this._retailCardError(error);
            return false;
        }
        if (!card) {
            if (!quietIfUnknown) {
                this._retailCardAlert(_t("No member card has the number %s.", number));
            }
            return false;
        }
        if (card.state === "draft") {
            await this._retailActivateCard(card, order);
            return true;
        }
        const partner = await this._retailLoadPartner(card.partner_id);
        if (partner && order.get_partner() !== partner) {
            order.set_partner(partner);
            this.updateRewards?.();
        }
        this.notification.add(_t("Member card %s: %s", card.card_name, partner?.name || ""), {
            type: "success",
        });
        return true;
    },
    async _retailActivateCard(card, order) {
        const partner = order.get_partner();
        if (!partner) {
            this._retailCardAlert(
                _t(
                    "Card %s has not been issued yet. Select the customer who receives it, then read the card again to activate it.",
                    card.card_name
                ),
                _t("Card not issued")
            );
            return;
        }
        const confirmed = await ask(this.dialog, {
            title: _t("Activate member card"),
            body: _t("Activate card %s for %s?", card.card_name, partner.name),
            confirmLabel: _t("Activate"),
        });
        if (!confirmed) {
            return;
        }
        try {
            await this.data.call("retail.member.card", "retail_pos_activate_card", [
                card.card_id,
                partner.id,
                this.config.id,
            ]);
            // the customer may have just become a member: reload the tier and balance
            await this.data.read("res.partner", [partner.id]);
        } catch (error) {
            this._retailCardError(error);
            return;
        }
        this.retailForgetMember(partner);
        this.notification.add(_t("Card %s activated for %s", card.card_name, partner.name), {
            type: "success",
        });
    },
});
