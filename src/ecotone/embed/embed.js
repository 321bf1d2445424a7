// An Ecotone embed tells the page that frames it how tall it is, whenever that
// changes, so that the page's iframe can fit it (see the snippet under "Put this
// on your site" on every organization and space page). The height is no secret:
// any page may frame the embed, so the message goes to any origin.
(function () {
  if (window.parent === window) return;
  var reported = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    window.parent.postMessage({ type: "ecotone-embed:height", height: height }, "*");
  }
  new ResizeObserver(report).observe(document.documentElement);
  report();
})();
