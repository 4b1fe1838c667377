import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import { negate } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CARD = "RM-POLICY-0001";
const CUSTOMER = "Tour Policy Member";
const MASSAGE = "Massage body 60 phút";

function rewardLine(name) {
    return `.order-container .orderline .product-name:contains("${name}")`;
}

// Policies apply by themselves once the member is on the order, after the member's 5 % tier
// discount and in their declared sequence: happy hour 10 % (427,500 -> 384,750), the member gift
// 10,000, the better of the exclusive group (20,000, not 5,000); a policy outside its time window
// does not apply. 450,000 x 0.95 x 0.90 - 10,000 - 20,000 = 354,750.
registry.category("web_tour.tours").add("retail_policy_happy_hour_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickControlButton("Member Card"),
            TextInputPopup.inputText(CARD),
            Dialog.confirm("Apply"),
            ProductScreen.customerIsSelected(CUSTOMER),
            ProductScreen.addOrderline(MASSAGE, "1"),
            {
                content: "the happy-hour reward line is on the order without any cashier action",
                trigger: rewardLine("Happy hour"),
            },
            { content: "the member gift stacks", trigger: rewardLine("Member gift") },
            { content: "the best of the exclusive group applies", trigger: rewardLine("Big of group") },
            ProductScreen.totalAmountIs("354,750"),
            {
                content: "the lesser policy of the group and the closed window do not apply",
                trigger: negate(`${rewardLine("Small of group")}, ${rewardLine("Closed window")}`),
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
