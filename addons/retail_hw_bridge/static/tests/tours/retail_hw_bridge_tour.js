import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const CHIP_MEMBER = "Tour Chip Member Lê Văn Chíp";
const STRIPE_MEMBER = "Tour Stripe Member Phạm Thị Từ";
const MASSAGE = "Massage body 60 phút";

function bridgeIs(status) {
    return {
        content: `the card reader bridge shows ${status}`,
        trigger: `.pos-topheader .o_retail_hw_bridge_status.o_${status}`,
    };
}

/**
 * The test's bridge (the service's own WebSocket server, without readers) plays the card reader:
 * it sends the POS what a reader would, when told so on its test-only control path.
 */
function bridgeControl(command, content) {
    return {
        content,
        trigger: ".pos-topheader .o_retail_hw_bridge_status",
        run: () =>
            new Promise((resolve, reject) => {
                const bridge = window.posmodel.retailHwBridge;
                const url = new URL(bridge.url);
                url.pathname = "/test-control";
                url.searchParams.set("token", bridge.token);
                const socket = new WebSocket(url);
                socket.onopen = () => socket.send(JSON.stringify(command));
                socket.onmessage = () => {
                    socket.close();
                    resolve();
                };
                socket.onerror = () => reject(new Error("the test bridge cannot be reached"));
            }),
    };
}

function readerSends(event) {
    return bridgeControl({ event }, `a reader reads ${event.kind} card ${event.number || ""}`);
}

function dialogSays(text) {
    return [
        { content: `the cashier is told "${text}"`, trigger: `.modal .modal-body:contains("${text}")` },
        Dialog.confirm("Ok"),
    ];
}

registry.category("web_tour.tours").add("retail_hw_bridge_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            bridgeIs("connected"),
            // a chip card on the reader: its customer is set on the order, with the member panel
            readerSends({ event: "card", reader: "ACS ACR1252 PICC", kind: "chip", number: "04A1B2C3D4E5F6" }),
            ProductScreen.customerIsSelected(CHIP_MEMBER),
            { content: "the member panel", trigger: ".o_retail_member_summary .o_retail_member_tier" },
            ProductScreen.addOrderline(MASSAGE, "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // a number no card has, and a blocked card: said clearly
            readerSends({ event: "card", reader: "stripe", kind: "stripe", number: "99999999" }),
            dialogSays("No member card has the number 99999999"),
            readerSends({ event: "card", reader: "ACS ACR1252 PICC", kind: "chip", number: "04DEADBEEF" }),
            dialogSays("is blocked"),
            // a reader that could not read the card
            readerSends({ event: "card_error", reader: "stripe", kind: "stripe", message: "LRC mismatch" }),
            { content: "read again", trigger: '.o_notification:contains("could not be read")' },
            // a keyboard-wedge stripe reader types track 2 with its sentinels: the till's card pattern
            scan_barcode(";88000123?"),
            ProductScreen.customerIsSelected(STRIPE_MEMBER),
            // the bridge goes away and comes back: the status follows, the POS reconnects by itself
            bridgeControl({ drop_clients: true }, "the bridge drops the POS"),
            bridgeIs("disconnected"),
            bridgeIs("connected"),
            readerSends({ event: "card", reader: "ACS ACR1252 PICC", kind: "chip", number: "04A1B2C3D4E5F6" }),
            ProductScreen.customerIsSelected(CHIP_MEMBER),
        ].flat(),
});
