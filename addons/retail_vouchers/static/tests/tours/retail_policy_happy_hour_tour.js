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

// the "Policies applied, in order" block: [name, what it gave] numbered from 1
const STEPS = [
    ["Member tier discount", "22,500"],
    ["Happy hour", "42,750"],
    ["Member gift", "10,000"],
    ["Big of group", "20,000"],
];

function stepsOnScreen() {
    return [
        ...STEPS.map(([name, amount], index) => ({
            content: `on screen, step ${index + 1}: ${name} took ${amount} off`,
            trigger: `.o_retail_policy_steps .o_retail_policy_step:nth-child(${index + 1}):contains("${name}"):contains("${amount}")`,
        })),
        {
            content: "on screen, nothing else is listed",
            trigger: `.o_retail_policy_steps .o_retail_policy_step_list:not(:has(li:nth-child(${STEPS.length + 1})))`,
        },
    ];
}

function stepsOnReceipt() {
    return [
        ...STEPS.map(([name, amount], index) => ({
            content: `on the receipt, step ${index + 1}: ${name} took ${amount} off`,
            trigger: `.pos-receipt .retail-policy-step:nth-child(${index + 1}):contains("${index + 1}. ${name}"):contains("${amount}")`,
        })),
        {
            content: "on the receipt, nothing else is listed",
            trigger: `.pos-receipt .retail-policy-step-list:not(:has(.retail-policy-step:nth-child(${STEPS.length + 1})))`,
        },
    ];
}

// Policies apply by themselves once the member is on the order, after the member's 5 % tier
// discount and in their declared sequence: happy hour 10 % (427,500 -> 384,750), the member gift
// 10,000, the better of the exclusive group (20,000, not 5,000); a policy outside its time window
// does not apply. 450,000 x 0.95 x 0.90 - 10,000 - 20,000 = 354,750. The cashier sees them numbered in
// that order next to the totals, and the receipt prints the same list.
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
            stepsOnScreen(),
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
            stepsOnReceipt(),
        ].flat(),
});
