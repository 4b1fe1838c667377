import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { negate } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Khách Quen Gợi Ý";
const BEER = "Bia Hà Nội 330ml";
const PEANUTS = "Lạc rang";

function suggestion(product) {
    return `.o_retail_suggestions .o_retail_suggestion:has(.o_retail_suggestion_name:contains("${product}"))`;
}

function selectCustomer() {
    return [
        ProductScreen.clickPartnerButton(),
        ProductScreen.clickCustomer(CUSTOMER),
        ProductScreen.customerIsSelected(CUSTOMER),
    ].flat();
}

function setNetwork(online) {
    return {
        content: online ? "the till is back online" : "the till goes offline",
        trigger: ".pos",
        run: () => window.dispatchEvent(new Event(online ? "online" : "offline")),
    };
}

// The customer is set: the till asks the server for their suggestions and lists them with the
// reason; tapping the peanuts puts them on the order and takes them off the list.
registry.category("web_tour.tours").add("retail_product_suggestion_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "no suggestion without a customer",
                trigger: negate(".o_retail_suggestions"),
            },
            selectCustomer(),
            {
                content: "the beer is due again",
                trigger: `${suggestion(BEER)} .o_retail_suggestion_due`,
            },
            {
                content: "the peanuts, with the reason",
                trigger: `${suggestion(PEANUTS)} .o_retail_suggestion_reason:contains("${BEER}")`,
            },
            {
                content: "tap the peanuts",
                trigger: suggestion(PEANUTS),
                run: "click",
            },
            ProductScreen.selectedOrderlineHas(PEANUTS, "1"),
            {
                content: "the peanuts are on the order: no longer suggested",
                trigger: negate(suggestion(PEANUTS)),
            },
            {
                content: "the beer still is",
                trigger: suggestion(BEER),
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

// Offline, setting the customer shows no suggestion and no error; the cashier keeps selling.
registry.category("web_tour.tours").add("retail_product_suggestion_offline_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            setNetwork(false),
            selectCustomer(),
            ProductScreen.addOrderline(PEANUTS, "1"),
            {
                content: "no suggestion offline, and no error dialog",
                trigger: negate(".o_retail_suggestions, .modal-dialog"),
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            // (validating offline is Odoo's own offline mode, not exercised here)
            setNetwork(true),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
