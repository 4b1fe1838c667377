import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

/* global posmodel */

const SERVICE = "Tour Voucher Massage";

function receiptHas(cssClass, text) {
    return {
        content: `the receipt's ${cssClass} shows ${text}`,
        trigger: `.receipt-screen .pos-receipt .${cssClass}:contains("${text}")`,
    };
}

function enterSerial(serial) {
    return [
        ProductScreen.clickControlButton("Voucher / Coupon"),
        TextInputPopup.inputText(serial),
        Dialog.confirm("Apply"),
    ];
}

// A 100K voucher on a 70K bill: the voucher line takes 70K, nothing is given back.
registry.category("web_tour.tours").add("retail_voucher_smaller_bill_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(SERVICE, "1"),
            ProductScreen.totalAmountIs("70,000"),
            // offline, the till says plainly that serials need the server
            {
                content: "the till goes offline",
                trigger: "body",
                run: () => {
                    posmodel.data.network.offline = true;
                },
            },
            ...enterSerial("TOUR-V100K-0001"),
            {
                content: "vouchers need the server",
                trigger: '.modal .modal-title:contains("Vouchers and coupons need the server")',
            },
            Dialog.confirm("Ok"),
            {
                content: "the till is back online",
                trigger: "body",
                run: () => {
                    posmodel.data.network.offline = false;
                },
            },
            ...enterSerial("TOUR-V100K-0001"),
            ProductScreen.totalAmountIs("0"),
            ProductScreen.clickPayButton(),
            PaymentScreen.totalIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            // the receipt shows both values of the voucher and what the bill took
            receiptHas("retail-voucher-line", "TOUR-V100K-0001"),
            receiptHas("retail-voucher-taken", "70,000"),
            receiptHas("retail-voucher-value", "100,000"),
            receiptHas("retail-voucher-invoice-value", "90,000"),
            receiptHas("retail-voucher-difference", "10,000"),
        ].flat(),
});

// A printed voucher (issued, not sold) scanned at the till is sold on the order at its invoice value;
// a cancelled one is refused with the reason.
registry.category("web_tour.tours").add("retail_voucher_sell_printed_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scan_barcode("TOUR-V100K-0102"),
            {
                content: "a cancelled voucher is refused with the reason",
                trigger: '.modal .modal-body:contains("TOUR-V100K-0102 was cancelled")',
            },
            Dialog.confirm("Ok"),
            scan_barcode("TOUR-V100K-0100"),
            ProductScreen.selectedOrderlineHas("TOUR-V100K-0100", "1", "90,000"),
            ProductScreen.totalAmountIs("90,000"),
            // the voucher product has printed stock: the till asks which printed voucher is sold
            ProductScreen.clickDisplayedProduct("Voucher Tour voucher 100K"),
            TextInputPopup.inputText("TOUR-V100K-0001"),
            Dialog.confirm("Apply"),
            {
                content: "a voucher sold already cannot be sold again",
                trigger: '.modal .modal-body:contains("TOUR-V100K-0001 was already sold")',
            },
            Dialog.confirm("Ok"),
            ProductScreen.clickDisplayedProduct("Voucher Tour voucher 100K"),
            TextInputPopup.inputText("TOUR-V100K-0101"),
            Dialog.confirm("Apply"),
            ProductScreen.selectedOrderlineHas("TOUR-V100K-0101", "1", "90,000"),
            ProductScreen.totalAmountIs("180,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "the receipt names the serial sold",
                trigger: '.receipt-screen .pos-receipt .product-name:contains("TOUR-V100K-0100")',
            },
        ].flat(),
});

// A 10 % coupon on the same bill.
registry.category("web_tour.tours").add("retail_coupon_scan_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(SERVICE, "1"),
            // the cashier scans the coupon's barcode
            scan_barcode("TOUR-COUPON-0001"),
            ProductScreen.totalAmountIs("63,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

// A voucher taxed at sale (single-purpose, VAT 10 % included): sold from its printed serial, then used
// on a bill of a 60K facial with that VAT and a 70K untaxed massage: it pays only the facial and takes
// its VAT back.
registry.category("web_tour.tours").add("retail_voucher_single_purpose_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scan_barcode("TOUR-SPV-0001"),
            ProductScreen.totalAmountIs("90,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            ProductScreen.addOrderline(SERVICE, "1"),
            ProductScreen.addOrderline("Tour Taxed Facial", "1"),
            ProductScreen.totalAmountIs("130,000"),
            ...enterSerial("TOUR-SPV-0001"),
            ProductScreen.totalAmountIs("70,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            receiptHas("retail-voucher-taken", "60,000"),
            receiptHas("retail-voucher-value", "100,000"),
            receiptHas("retail-voucher-invoice-value", "90,000"),
        ].flat(),
});
