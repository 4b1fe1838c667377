import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError, RPCError } from "@web/core/network/rpc";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { NumberPopup } from "@point_of_sale/app/utils/input_popups/number_popup";
import { RetailProductCardPopup } from "@retail_loyalty/product_card/product_card_popup";

// Product cards live on the server only: the till asks for a customer's cards when the cashier
// opens them, and every unit used is reserved there before it goes on the order.
patch(PosStore.prototype, {
    _retailProductCardAlert(body, title = _t("Product cards")) {
        this.dialog.add(AlertDialog, { title, body });
    },
    _retailProductCardError(error) {
        if (error instanceof ConnectionLostError) {
            this._retailProductCardAlert(
                _t(
                    "Product cards need the server: their units are checked and reserved there. The till is offline, so no card can be used now; the rest of the till keeps working."
                ),
                _t("Product cards need the server")
            );
        } else if (error instanceof RPCError) {
            this._retailProductCardAlert(error.data?.message || error.message);
        } else {
            throw error;
        }
    },
    async retailOpenProductCards() {
        const order = this.get_order();
        const partner = order?.get_partner();
        if (!partner) {
            this._retailProductCardAlert(
                _t("Select the customer first: product cards belong to a customer.")
            );
            return;
        }
        let cards;
        try {
            cards = await this.data.call(
                "retail.product.card",
                "retail_pos_cards",
                [partner.id, this.config.id],
                { order_uuid: order.uuid }
            );
        } catch (error) {
            this._retailProductCardError(error);
            return;
        }
        if (!cards.length) {
            this._retailProductCardAlert(_t("%s holds no product card with units left.", partner.name));
            return;
        }
        this.dialog.add(RetailProductCardPopup, {
            partnerName: partner.name,
            cards,
            onUse: (card, product) => this.retailUseProductCard(card, product),
            onExtra: (card, product) => this.retailBuyExtraUnits(card, product),
        });
    },
    async _retailProductRecord(productId) {
        const known = this.models["product.product"].get(productId);
        if (known) {
            return known;
        }
        const [product] = await this.data.read("product.product", [productId]);
        return product;
    },
    /** Reserve units on the server, then put the product on the order at price 0 with the token. */
    async retailUseProductCard(card, product, quantity = 1) {
        const order = this.get_order();
        let reservation;
        try {
            reservation = await this.data.call(
                "retail.product.card.reservation",
                "retail_pos_reserve",
                [card.card_id, product.product_id, quantity, order.uuid, this.config.id]
            );
        } catch (error) {
            this._retailProductCardError(error);
            return false;
        }
        const productRecord = await this._retailProductRecord(product.product_id);
        const line =
            productRecord &&
            (await this.addLineToCurrentOrder(
                {
                    product_id: productRecord,
                    qty: reservation.quantity,
                    price_unit: 0,
                    retail_product_card_token: reservation.token,
                    full_product_name: _t("%s (card %s)", productRecord.display_name, card.code),
                },
                {},
                false
            ));
        if (!line) {
            this.retailReleaseProductCard(reservation.token);
            return false;
        }
        this.notification.add(
            _t("%s taken from card %s: %s left", product.name, card.code, reservation.available_after),
            { type: "success" }
        );
        return line;
    },
    /** Extra units at the card's preset price: the card type's product, priced by the server. */
    async retailBuyExtraUnits(card, product) {
        const quantity = await makeAwaitable(this.dialog, NumberPopup, {
            title: _t("Extra units of %s", product.name),
            subtitle: _t("%s each", this.env.utils.formatCurrency(product.extra_price)),
            placeholder: "1",
            isValid: (value) => parseInt(value) > 0,
        });
        if (!quantity) {
            return false;
        }
        const order = this.get_order();
        let quote;
        try {
            quote = await this.data.call("retail.product.card.reservation", "retail_pos_extra", [
                card.card_id,
                product.product_id,
                parseInt(quantity),
                order.uuid,
                this.config.id,
            ]);
        } catch (error) {
            this._retailProductCardError(error);
            return false;
        }
        const cardProduct = await this._retailProductRecord(quote.product_id);
        const line =
            cardProduct &&
            (await this.addLineToCurrentOrder(
                {
                    product_id: cardProduct,
                    qty: quote.quantity,
                    price_unit: quote.price_unit,
                    retail_product_card_token: quote.token,
                    full_product_name: quote.name,
                },
                {},
                false
            ));
        if (!line) {
            this.retailReleaseProductCard(quote.token);
        }
        return line;
    },
    retailReleaseProductCard(token) {
        this.retailRelease({ model: "retail.product.card.reservation", token });
    },
});
