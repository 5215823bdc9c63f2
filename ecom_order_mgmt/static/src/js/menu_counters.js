odoo.define('ecom_order_mgmt.menu_counters', function (require) {
"use strict";
/**
 * Counters on the E-commerce menus: how many items wait for the user in
 * each queue (ir.ui.menu.ecom_needaction_counts, see models/ir_ui_menu.py),
 * shown as a badge next to the menu and refreshed whenever a menu opens.
 */
var Menu = require('web.Menu');

Menu.include({
    bind_menu: function () {
        var result = this._super.apply(this, arguments);
        this._ecomRefreshCounters();
        return result;
    },
    open_menu: function () {
        var result = this._super.apply(this, arguments);
        this._ecomRefreshCounters();
        return result;
    },
    /**
     * Ask the server for the counts; one request for a burst of menu changes.
     */
    _ecomRefreshCounters: function () {
        var self = this;
        if (this._ecomCountersPending) {
            return;
        }
        this._ecomCountersPending = true;
        setTimeout(function () {
            self._ecomCountersPending = false;
            self._rpc({model: 'ir.ui.menu', method: 'ecom_needaction_counts', args: []},
                      {shadow: true})
                .then(function (counts) {
                    self._ecomShowCounters(counts);
                })
                .fail(function (error, event) {
                    // a counter is a convenience: never an error dialog
                    if (event && event.preventDefault) {
                        event.preventDefault();
                    }
                });
        }, 200);
    },
    /**
     * The count goes in the link's data-ecom-count attribute, which the CSS
     * shows as a badge: the menu's own text (its title) stays as it is.
     */
    _ecomShowCounters: function (counts) {
        var $menus = this.$secondary_menus;
        if (!$menus) {
            return;
        }
        $menus.find('a[data-ecom-count]').removeAttr('data-ecom-count');
        _.each(counts, function (count, menuId) {
            $menus.find('a[data-menu=' + parseInt(menuId, 10) + ']')
                .attr('data-ecom-count', count);
        });
    },
});

});
