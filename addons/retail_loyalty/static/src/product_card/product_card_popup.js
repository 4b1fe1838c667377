import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/**
 * The customer's product cards as the server sees them right now: units left per product, what
 * this visit already took, and buttons to use a unit or buy extra units at the preset price.
 */
export class RetailProductCardPopup extends Component {
    static template = "retail_loyalty.RetailProductCardPopup";
    static components = { Dialog };
    static props = {
        partnerName: String,
        cards: Array,
        onUse: Function,
        onExtra: Function,
        close: Function,
    };

    get title() {
        return _t("Product cards of %s", this.props.partnerName);
    }
    canUse(card, product) {
        const productLimit = product.per_visit && product.used_this_visit >= product.per_visit;
        const cardLimit = card.per_visit && card.used_this_visit >= card.per_visit;
        return product.available > 0 && !productLimit && !cardLimit;
    }
    formatPrice(amount) {
        return this.env.utils.formatCurrency(amount);
    }
    use(card, product) {
        this.props.close();
        this.props.onUse(card, product);
    }
    buyExtra(card, product) {
        this.props.close();
        this.props.onExtra(card, product);
    }
}
