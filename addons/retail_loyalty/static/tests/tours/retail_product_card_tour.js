import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

/* global posmodel */

const MEMBER_CARD = "RM-PC-TOUR-01";
const CUSTOMER = "Tour Product Card Lê Văn Bia";
const CARD_PRODUCT = "Tour beer card 20";
const BEER = "Bia Hà Nội 330ml";

function receiptShows(text) {
    return {
        content: `the receipt shows "${text}"`,
        trigger: `.receipt-screen .pos-receipt .retail-product-card-line:contains("${text}")`,
    };
}

// Sell a beer card, then on a later order take one beer from it at price 0 and buy two more
// beers on the card at its preset price.
registry.category("web_tour.tours").add("retail_product_card_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(CARD_PRODUCT, "1"),
            ProductScreen.totalAmountIs("350,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            // a card is issued to a customer: none is selected yet
            PaymentScreen.clickValidate(),
            {
                content: "the cashier is asked for the customer",
                trigger: '.modal .modal-title:contains("Customer needed")',
            },
            Dialog.confirm("Ok"),
            PaymentScreen.clickBack(),
            scan_barcode(MEMBER_CARD),
            ProductScreen.customerIsSelected(CUSTOMER),
            ProductScreen.clickPayButton(),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            receiptShows("20 left"),
            ReceiptScreen.clickNextOrder(),
            // a later visit: the customer's cards come from the server
            scan_barcode(MEMBER_CARD),
            ProductScreen.customerIsSelected(CUSTOMER),
            // offline, the till says plainly that product cards need the server
            {
                content: "the till goes offline",
                trigger: "body",
                run: () => {
                    posmodel.data.network.offline = true;
                },
            },
            ProductScreen.clickControlButton("Product Cards"),
            {
                content: "product cards need the server",
                trigger: '.modal .modal-title:contains("Product cards need the server")',
            },
            Dialog.confirm("Ok"),
            {
                content: "the till is back online",
                trigger: "body",
                run: () => {
                    posmodel.data.network.offline = false;
                },
            },
            ProductScreen.clickControlButton("Product Cards"),
            {
                content: "the card lists the beers left",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}") .o_retail_product_card_remaining:contains("20 left")`,
            },
            {
                content: "use one beer",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}") .o_retail_product_card_use`,
                run: "click",
            },
            ProductScreen.selectedOrderlineHas(BEER, "1", "0"),
            // the line holds what the server reserved: it cannot be edited, only removed
            ProductScreen.clickNumpad("2"),
            {
                content: "the cashier is told the line cannot change",
                trigger: '.modal .modal-title:contains("Product card line")',
            },
            Dialog.confirm("Ok"),
            ProductScreen.clickNumpad("⌫"),
            ProductScreen.orderIsEmpty(),
            // removed: the unit went back to the card, take it again
            ProductScreen.clickControlButton("Product Cards"),
            {
                content: "the released beer is available again",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}") .o_retail_product_card_remaining:contains("20 left")`,
            },
            {
                content: "use one beer again",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}") .o_retail_product_card_use`,
                run: "click",
            },
            ProductScreen.selectedOrderlineHas(BEER, "1", "0"),
            ProductScreen.totalAmountIs("0"),
            // and two more beers bought on the card at its preset price
            ProductScreen.clickControlButton("Product Cards"),
            {
                content: "one beer is already on this order",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}"):contains("1 on this order")`,
            },
            {
                content: "buy extra beers",
                trigger: `.modal .o_retail_product_card_product:contains("${BEER}") .o_retail_product_card_extra`,
                run: "click",
            },
            NumberPopup.enterValue("2"),
            NumberPopup.isShown("2"),
            Dialog.confirm("Ok"),
            ProductScreen.totalAmountIs("34,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            receiptShows("21 left"),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});
