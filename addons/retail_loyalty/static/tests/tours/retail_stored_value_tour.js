import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { negate } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Recoin Lê Thị Ví";
const TOPUP = "Nạp Recoin (Recoin top-up)";
const MASSAGE = "Massage body 60 phút";

function receiptShows(selector, text) {
    return {
        content: `the receipt shows "${text}"`,
        trigger: `.receipt-screen .pos-receipt ${selector}:contains("${text}")`,
    };
}

function selectCustomer() {
    return [
        ProductScreen.clickPartnerButton(),
        // the customer was created for the test: not among the partners the till loaded
        ProductScreen.inputCustomerSearchbar("Tour Recoin"),
        {
            content: "search the server for the customer",
            trigger: ".modal .search-more-button button",
            run: "click",
        },
        ProductScreen.clickCustomer(CUSTOMER),
        ProductScreen.customerIsSelected(CUSTOMER),
    ].flat();
}

// Top up 1,000,000 (+500,000 bonus) at the till, then pay part of the next order with Recoin:
// the amount is reserved on the server and the receipt prints the balance after the order.
registry.category("web_tour.tours").add("retail_stored_value_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            selectCustomer(),
            ProductScreen.addOrderline(TOPUP, "10"),
            ProductScreen.totalAmountIs("1,000,000"),
            ProductScreen.clickPayButton(),
            // a top-up is never paid with Recoin
            PaymentScreen.clickPaymentMethod("Recoin"),
            {
                content: "the till refuses Recoin for a top-up",
                trigger: '.modal .modal-body:contains("cannot be paid with Recoin")',
            },
            Dialog.confirm("Ok"),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            receiptShows(".retail-recoin-balance", "1,500,000"),
            ReceiptScreen.clickNextOrder(),

            selectCustomer(),
            {
                content: "the order shows the customer's Recoin",
                trigger: '.o_retail_recoin_summary .o_retail_recoin_available:contains("1,500,000")',
            },
            ProductScreen.addOrderline(MASSAGE, "1"),
            ProductScreen.totalAmountIs("450,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Recoin"),
            {
                content: "the till proposes the whole due, the card holds more",
                trigger: '.modal .subtitle:contains("1,500,000")',
            },
            NumberPopup.isShown("450000"),
            NumberPopup.enterValue("200000"),
            NumberPopup.isShown("200000"),
            Dialog.confirm("Reserve"),
            PaymentScreen.selectedPaymentlineHas("Recoin", "200,000"),
            PaymentScreen.remainingIs("250,000"),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            // 1,500,000 - 200,000 + 5 % of (450,000 less the 66,667 bonus credit in the Recoin paid)
            receiptShows(".retail-recoin-balance", "1,319,167"),
            receiptShows(".retail-recoin-accrued", "19,167"),
        ].flat(),
});

function setNetwork(online) {
    return {
        content: online ? "the till is back online" : "the till goes offline",
        trigger: ".pos",
        run: () => window.dispatchEvent(new Event(online ? "online" : "offline")),
    };
}

// Offline, the Recoin payment method says plainly that it needs the server and adds no line; the
// cashier takes another payment meanwhile and the order goes through.
registry.category("web_tour.tours").add("retail_stored_value_offline_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            selectCustomer(),
            ProductScreen.addOrderline(MASSAGE, "1"),
            ProductScreen.clickPayButton(),
            setNetwork(false),
            PaymentScreen.clickPaymentMethod("Recoin"),
            {
                content: "the cashier is told that Recoin needs the server",
                trigger: '.modal .modal-body:contains("Recoin needs the server")',
            },
            Dialog.confirm("Ok"),
            {
                content: "no Recoin line was added",
                trigger: negate('.payment-screen .paymentline .payment-name:contains("Recoin")'),
            },
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            // (validating offline is Odoo's own offline mode, not exercised here)
            setNetwork(true),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
