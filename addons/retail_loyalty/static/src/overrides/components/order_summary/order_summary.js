import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { RetailMemberSummary } from "@retail_loyalty/components/member_summary/member_summary";

OrderSummary.components = { ...OrderSummary.components, RetailMemberSummary };
