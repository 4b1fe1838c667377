import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import { negate, scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CARD = "RM-TOUR-0001";
const NEW_CARD = "RM-TOUR-0002";
const CUSTOMER = "Tour Member Trần Thị Thẻ";
const BEER = "Bia Hà Nội 330ml"; // excluded from the member discount by the test
const MASSAGE = "Massage body 60 phút";

function lineTrigger(product) {
    return `.order-container .orderline:has(.product-name:contains("${product}"))`;
}

function lineHasDiscount(product, percent) {
    return {
        content: `${product} carries the ${percent}% tier discount`,
        trigger: `${lineTrigger(product)} .info-list li:contains("With a") em:contains("${percent}%")`,
    };
}

function lineHasNoDiscount(product) {
    return {
        content: `${product} carries no discount`,
        trigger: negate(`${lineTrigger(product)} .info-list li:contains("With a")`),
    };
}

function memberSummaryShows(tier) {
    return {
        content: `the member summary shows the tier ${tier}`,
        trigger: `.o_retail_member_summary .o_retail_member_tier:contains("${tier}")`,
    };
}

function receiptShows(selector, text) {
    return {
        content: `the receipt shows "${text}"`,
        trigger: `.receipt-screen .pos-receipt ${selector}:contains("${text}")`,
    };
}

// Read a member card at the demo shop's till: the customer and the tier discount land on the
// order, the receipt prints the tier (upgraded by this order) and the points earned.
registry.category("web_tour.tours").add("retail_member_card_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(BEER, "2"),
            ProductScreen.clickControlButton("Member Card"),
            TextInputPopup.inputText(CARD),
            Dialog.confirm("Apply"),
            ProductScreen.customerIsSelected(CUSTOMER),
            memberSummaryShows("Member"),
            ProductScreen.addOrderline(MASSAGE, "1"),
            lineHasDiscount(MASSAGE, "5"),
            lineHasNoDiscount(BEER),
            ProductScreen.totalAmountIs("467,500"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            receiptShows(".retail-member-tier", "VIP"),
            receiptShows(".retail-member-tier", "upgraded"),
            receiptShows(".retail-points-earned", "46"),
            receiptShows(".retail-next-tier", "Gold"),
            ReceiptScreen.clickNextOrder(),
            // the next order: the card is scanned, the server already knows the new tier
            scan_barcode(CARD),
            ProductScreen.customerIsSelected(CUSTOMER),
            memberSummaryShows("VIP"),
            ProductScreen.addOrderline(MASSAGE, "1"),
            lineHasDiscount(MASSAGE, "10"),
            // without a customer the tier discount goes away
            ProductScreen.clickPartnerButton(),
            {
                content: "unselect the customer",
                trigger: `.modal .partner-line:contains("${CUSTOMER}") .unselect-tag`,
                run: "click",
            },
            lineHasNoDiscount(MASSAGE),
            { content: "no member summary", trigger: negate(".o_retail_member_summary") },
            // a number no card has, typed: the cashier is told so
            ProductScreen.clickControlButton("Member Card"),
            TextInputPopup.inputText("RM-TOUR-9999"),
            Dialog.confirm("Apply"),
            {
                content: "the unknown number is reported",
                trigger: '.modal .modal-body:contains("RM-TOUR-9999")',
            },
            Dialog.confirm("Ok"),
            lineHasNoDiscount(MASSAGE),
            // a card not issued yet, read with the customer on the order: issued to them
            scan_barcode(CARD),
            ProductScreen.customerIsSelected(CUSTOMER),
            lineHasDiscount(MASSAGE, "10"),
            ProductScreen.clickControlButton("Member Card"),
            TextInputPopup.inputText(NEW_CARD),
            Dialog.confirm("Apply"),
            {
                content: "the cashier is asked to issue the card",
                trigger: `.modal .modal-body:contains("Activate card ${NEW_CARD} for ${CUSTOMER}?")`,
            },
            Dialog.confirm("Activate"),
            {
                content: "the card is activated",
                trigger: `.o_notification:contains("Card ${NEW_CARD} activated")`,
            },
        ].flat(),
});
