import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

const MASSAGE = "Massage body 60 phút";
const APPROVAL = ".modal .retail-discount-approval";

function typePin(pin) {
    return { content: `the manager types ${pin}`, trigger: `${APPROVAL} input.retail-approval-pin`, run: `edit ${pin}` };
}

function clickApprove() {
    return { content: "approve", trigger: ".modal .modal-footer .retail-approval-confirm", run: "click" };
}

// The branch's limit is 20 %: a cashier's 5 % on the massage (450,000) needs no one. 30 % does:
// cancelled, the line keeps its 5 %; then a wrong PIN is refused and the manager's PIN approves: 315,000.
registry.category("web_tour.tours").add("retail_discount_approval_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(MASSAGE, "1"),
            ProductScreen.totalAmountIs("450,000"),
            ProductScreen.addDiscount("5"),
            ProductScreen.totalAmountIs("427,500"),
            ProductScreen.addDiscount("30"),
            Dialog.is({ title: "Manager's Approval" }),
            {
                content: "the popup asks for the typed discount",
                trigger: `${APPROVAL} input.retail-approval-discount:value(30)`,
            },
            {
                content: "the cashier cancels",
                trigger: ".modal .modal-footer button:contains('Cancel')",
                run: "click",
            },
            Dialog.isNot(),
            ProductScreen.totalAmountIs("427,500"),
            ProductScreen.addDiscount("30"),
            Dialog.is({ title: "Manager's Approval" }),
            typePin("0000"),
            clickApprove(),
            {
                content: "a wrong PIN is refused",
                trigger: `${APPROVAL} .retail-approval-error:contains("Wrong PIN")`,
            },
            typePin("4321"),
            clickApprove(),
            Dialog.isNot(),
            ProductScreen.totalAmountIs("315,000"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
