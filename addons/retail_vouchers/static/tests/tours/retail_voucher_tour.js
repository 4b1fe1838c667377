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
