import publicWidget from "@web/legacy/js/public/public_widget";

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "touchstart", "scroll", "input"];

// The store kiosk forgets the member after a while without any touch: the member page ends the
// visit ("Done") by itself, so the next customer never sees the previous one's account.
publicWidget.registry.RetailKioskIdle = publicWidget.Widget.extend({
    selector: ".o_retail_kiosk_member[data-idle-seconds]",

    start() {
        this.idleMs = Math.max(parseInt(this.el.dataset.idleSeconds, 10) || 60, 1) * 1000;
        this.onActivity = () => this.restartTimer();
        for (const eventName of ACTIVITY_EVENTS) {
            document.addEventListener(eventName, this.onActivity, { passive: true, capture: true });
        }
        this.restartTimer();
        return this._super(...arguments);
    },

    destroy() {
        clearTimeout(this.timer);
        for (const eventName of ACTIVITY_EVENTS) {
            document.removeEventListener(eventName, this.onActivity, { capture: true });
        }
        this._super(...arguments);
    },

    restartTimer() {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.el.querySelector("form.o_retail_kiosk_end")?.submit(), this.idleMs);
    },
});
