// Records on <body> what a headless browser check needs: whether every image loaded
// (data-images-ok, data-broken), script errors (data-errors) and the smallest scale at which a
// chart is shown (data-chart-scale: rendered width / natural width; 1 = natural size).
(function () {
  var errors = [];
  window.onerror = function (msg, src, line) {
    errors.push(String(msg) + (line ? ' (line ' + line + ')' : ''));
    if (document.body) {
      document.body.setAttribute('data-errors', errors.join(' | '));
    }
  };
  window.addEventListener('load', function () {
    var broken = [];
    var imgs = document.images;
    var scale = 1;
    for (var i = 0; i < imgs.length; i++) {
      var im = imgs[i];
      if (!(im.complete && im.naturalWidth > 0)) {
        broken.push(im.getAttribute('src'));
      } else {
        scale = Math.min(scale, im.getBoundingClientRect().width / im.naturalWidth);
      }
    }
    document.body.setAttribute('data-images-ok', broken.length === 0 ? 'true' : 'false');
    document.body.setAttribute('data-broken', broken.join(' '));
    document.body.setAttribute('data-chart-scale', scale.toFixed(3));
    document.body.setAttribute('data-errors', errors.join(' | '));
  });
})();
