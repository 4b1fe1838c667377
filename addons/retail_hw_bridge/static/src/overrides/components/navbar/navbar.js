import { Navbar } from "@point_of_sale/app/navbar/navbar";
import { patch } from "@web/core/utils/patch";
import { RetailBridgeStatus } from "./bridge_status";

patch(Navbar, {
    components: { ...Navbar.components, RetailBridgeStatus },
});
