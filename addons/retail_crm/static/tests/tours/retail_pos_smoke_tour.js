import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

// The demo shop's till: open the register, sell two beers and a massage, pay cash, validate.
registry.category("web_tour.tours").add("retail_pos_smoke_sale", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Bia Hà Nội 330ml", "2"),
            ProductScreen.addOrderline("Massage body 60 phút", "1"),
            ProductScreen.totalAmountIs("490,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.totalAmountContains("490,000"),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});
