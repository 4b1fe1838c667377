import { Component } from "@odoo/owl";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";

/** The tier discount and the discount policies on the current order, numbered in the order they applied. */
export class RetailPolicySteps extends Component {
    static template = "retail_vouchers.RetailPolicySteps";
    static props = { order: Object };

    get steps() {
        return this.props.order.retailPolicySteps();
    }
    formatAmount(amount) {
        return this.env.utils.formatCurrency(-amount);
    }
}

OrderSummary.components = { ...OrderSummary.components, RetailPolicySteps };
