import { Component } from "@odoo/owl";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/** The customer's Recoin card next to the order: balance, what is available, level. */
export class RetailRecoinSummary extends Component {
    static template = "retail_loyalty.RetailRecoinSummary";
    static props = { order: Object };

    setup() {
        this.pos = usePos();
    }
    get card() {
        return this.pos.retailSvCardFor(this.props.order);
    }
}

OrderSummary.components = { ...OrderSummary.components, RetailRecoinSummary };
