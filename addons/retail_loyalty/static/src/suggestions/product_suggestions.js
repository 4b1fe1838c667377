import { Component, useEffect } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/** Products the order's customer is likely to buy, with the reason; a tap puts one on the order. */
export class RetailProductSuggestions extends Component {
    static template = "retail_loyalty.RetailProductSuggestions";
    static props = { order: Object };

    setup() {
        this.pos = usePos();
        useEffect(
            () => {
                this.pos.retailLoadSuggestions(this.props.order);
            },
            () => [this.props.order.uuid, this.props.order.get_partner()?.id]
        );
    }
    /** What is left to suggest: the products not on the order yet. */
    get suggestions() {
        const onOrder = new Set(this.props.order.lines.map((line) => line.product_id?.id));
        return this.pos
            .retailSuggestionsFor(this.props.order)
            .filter((suggestion) => !onOrder.has(suggestion.product_id));
    }
    async add(suggestion) {
        await this.pos.retailAddSuggestion(suggestion);
    }
}
