import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    async setup() {
        // product suggestions per (order, customer), asked from the server when the customer is set
        this.retailSuggestions = {};
        await super.setup(...arguments);
    },
    _retailSuggestionKey(order, partner) {
        return `${order.uuid}|${partner.id}`;
    },
    /** The suggestions to show for the order's customer: none while asking, offline or without a customer. */
    retailSuggestionsFor(order) {
        const partner = order?.get_partner();
        if (!partner) {
            return [];
        }
        return this.retailSuggestions[this._retailSuggestionKey(order, partner)]?.items || [];
    },
    /** Ask the server once for the order's customer; offline, the till simply shows no suggestion. */
    async retailLoadSuggestions(order) {
        const partner = order?.get_partner();
        if (!partner || order.finalized) {
            return;
        }
        const key = this._retailSuggestionKey(order, partner);
        if (this.retailSuggestions[key] && !this.retailSuggestions[key].failed) {
            return;
        }
        this.retailSuggestions[key] = { items: [], loading: true };
        try {
            const items = await this.data.call("res.partner", "retail_pos_product_suggestions", [
                partner.id,
                this.config.id,
            ]);
            this.retailSuggestions[key] = { items, loading: false };
        } catch (error) {
            console.warn("Product suggestions unavailable:", error);
            this.retailSuggestions[key] = { items: [], failed: true };
        }
    },
    /** Put a suggested product on the current order (loading it first if this till has not yet). */
    async retailAddSuggestion(suggestion) {
        let product = this.models["product.product"].get(suggestion.product_id);
        if (!product) {
            try {
                [product] = await this.data.read("product.product", [suggestion.product_id]);
                await this.processProductAttributes();
            } catch (error) {
                console.warn("Suggested product unavailable:", error);
                return;
            }
        }
        if (product) {
            await this.addLineToCurrentOrder({ product_id: product }, {});
        }
    },
});
