/* Videos on an exercise page (templates/partials/media.html).
 *
 * Our own clips are muted and loop; one plays while it is on screen and pauses when it leaves, unless
 * the reader prefers reduced motion (then it waits for the play button, like any video).
 * A YouTube or Vimeo facade loads nothing from the provider until it is pressed; then it becomes the
 * provider's privacy-enhanced player (youtube-nocookie.com, player.vimeo.com with dnt=1), the only
 * frames the pages' Content-Security-Policy allows.
 */
(function () {
  "use strict";

  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function follow(video) {
    if (!("IntersectionObserver" in window)) return;
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (still && still.matches) return;
        if (entry.isIntersecting) {
          var playing = video.play();
          if (playing && playing.catch) playing.catch(function () {});
        } else {
          video.pause();
        }
      });
    }, { threshold: 0.5 }).observe(video);
  }

  function play(facade, event) {
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = facade.dataset.player;
    frame.title = "Video: " + (facade.dataset.title || "exercise");
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    facade.replaceChildren(frame);
    frame.focus();
  }

  document.querySelectorAll("video[data-autoplay]").forEach(follow);
  document.querySelectorAll(".facade[data-player]").forEach(function (facade) {
    var button = facade.querySelector(".facade-play");
    if (button) button.addEventListener("click", function (event) { play(facade, event); });
  });
})();
