/* The API reference (/docs): Swagger UI, started with the OpenAPI document named on its container,
   and with what makes it usable by keyboard and screen reader from outside Swagger UI's bundle
   (service/api/docs.py lists each change and why). */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");

  function Accessible(system) {
    var React = system.React;
    return {
      wrapComponents: {
        // Swagger UI titles the page with an h1 and each group of operations with an h3: the h2
        // between them keeps the outline whole for those who move from heading to heading.
        operations: function (Original) {
          return function (props) {
            return React.createElement(React.Fragment, null,
              React.createElement("h2", { className: "visually-hidden" }, "Operations"),
              React.createElement(Original, props));
          };
        },
        // The Authorize dialog is titled with an h3, drawn right after the page's h1.
        authorizationPopup: function (Original) {
          return function (props) {
            return React.createElement(React.Fragment, null,
              React.createElement("h2", { className: "visually-hidden" }, "Authorization"),
              React.createElement(Original, props));
          };
        },
        // An operation's path was a link (#/tag/operation) inside the button that opens it: a
        // control inside a control, which keyboards and screen readers cannot tell apart. Drawn
        // without its address it is text; opening an operation still puts it in the address bar.
        DeepLink: function (Original) {
          return function (props) {
            return React.createElement(Original, Object.assign({}, props, { enabled: false }));
          };
        }
      }
    };
  }

  // What Swagger UI draws as it is used, mended as it appears:
  // - a "Try it out" field without a label (a parameter or body field with no description) is
  //   named after its parameter;
  // - each operation's table of responses is a region: it is named after its operation (all were
  //   unnamed regions, which a screen reader's list of landmarks cannot tell apart);
  // - the copy buttons and the dialog's close button, icons alone, are named;
  // - a box that can scroll (an example, a response, the curl command) can be focused, so that
  //   it scrolls by keyboard too, at any width.
  function operationOf(element) {
    var block = element.closest(".opblock");
    var method = block && block.querySelector(".opblock-summary-method");
    var path = block && block.querySelector(".opblock-summary-path");
    if (!method || !path) {
      return "";
    }
    return method.textContent + " " + (path.getAttribute("data-path") || path.textContent.replace(/\u200b/g, ""));
  }

  function name(element, text) {
    if (text && !element.getAttribute("aria-label") && !(element.labels && element.labels.length)) {
      element.setAttribute("aria-label", text);
    }
  }

  function each(selector, act) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), act);
  }

  function mend() {
    each("tr[data-param-name], tr[data-property-name]", function (row) {
      var field = row.getAttribute("data-param-name") || row.getAttribute("data-property-name");
      Array.prototype.forEach.call(row.querySelectorAll("input:not([type=checkbox]), select, textarea"), function (control) {
        if (!control.getAttribute("placeholder")) {
          name(control, field);
        }
      });
    });
    each("table.responses-table[role=region]", function (table) {
      name(table, "Responses of " + operationOf(table));
    });
    each(".copy-to-clipboard button", function (button) {
      name(button, "Copy to clipboard");
    });
    each(".close-modal", function (button) {
      name(button, "Close");
    });
    each("pre", function (pre) {
      var style = window.getComputedStyle(pre);
      var scrolls = /auto|scroll/.test(style.overflowX + " " + style.overflowY);
      if (scrolls && !pre.hasAttribute("tabindex")) {
        pre.setAttribute("tabindex", "0");
      }
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; mend(); });
    }
  }).observe(root, { childList: true, subtree: true });

  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    oauth2RedirectUrl: window.location.origin + root.getAttribute("data-oauth2-redirect-url"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    plugins: [Accessible]
  });
}());
