import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

const MASSAGE = "Massage body 60 phút";
const BEER = "Bia Hà Nội 330ml";

function freeBeersStep(where) {
    return {
        content: `${where}: the policy gave two free beers (40,000), not three`,
        trigger:
            where === "on screen"
                ? `.o_retail_policy_steps .o_retail_policy_step:nth-child(1):contains("Free beer"):contains("2 x"):contains("40,000")`
                : `.pos-receipt .retail-policy-step:nth-child(1):contains("1. Free beer"):contains("2 x"):contains("40,000")`,
    };
}

// One free beer (20,000) per massage, at most 50,000 off a bill: three massages earn three free beers,
// the cap leaves two.
registry.category("web_tour.tours").add("retail_policy_cap_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct(MASSAGE),
            ProductScreen.clickDisplayedProduct(MASSAGE),
            ProductScreen.clickDisplayedProduct(MASSAGE),
            ProductScreen.clickDisplayedProduct(BEER),
            ProductScreen.clickDisplayedProduct(BEER),
            ProductScreen.clickDisplayedProduct(BEER),
            freeBeersStep("on screen"),
            {
                content: "the cap stops the free beers at two whatever the basket",
                trigger: `.o_retail_policy_steps .o_retail_policy_step_list:not(:has(li:nth-child(2)))`,
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            {
                content: "the order reaches the server (on a busy machine the sync takes its time)",
                trigger: ".pos .receipt-screen",
                timeout: 60000,
            },
            ReceiptScreen.isShown(),
            freeBeersStep("on the receipt"),
        ].flat(),
});
