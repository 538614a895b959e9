// Show thumbnails in the lead photo picker and preview the chosen photo.
"use strict";
function enhancePhotoPicker(attempt = 0) {
  const $ = window.django && window.django.jQuery;
  const select = document.getElementById("id_lead_photo");
  if (!$ || !select || !$.fn.select2) return;
  // Django's own autocomplete set-up runs on jQuery's (asynchronous) ready.
  if (!select.classList.contains("select2-hidden-accessible")) {
    if (attempt < 50) setTimeout(() => enhancePhotoPicker(attempt + 1), 50);
    return;
  }

  const withThumb = (item) => {
    if (!item.id || !item.thumb) return item.text;
    const row = document.createElement("span");
    row.className = "photo-option";
    const img = document.createElement("img");
    img.src = item.thumb;
    img.alt = "";
    img.width = 64;
    img.style.cssText = "vertical-align:middle;margin-right:8px;border-radius:2px";
    row.append(img, document.createTextNode(item.text));
    return $(row);
  };

  const $select = $(select);
  $select.select2("destroy");
  $select.select2({
    ajax: {
      data: (params) => ({
        term: params.term,
        page: params.page,
        app_label: select.dataset.appLabel,
        model_name: select.dataset.modelName,
        field_name: select.dataset.fieldName,
      }),
    },
    templateResult: withThumb,
  });
  $select.on("select2:select", (event) => {
    const preview = document.querySelector(".field-lead_photo_preview .readonly");
    if (preview && event.params.data.thumb) {
      const img = document.createElement("img");
      img.src = event.params.data.thumb;
      img.alt = event.params.data.text;
      img.style.maxWidth = "240px";
      preview.replaceChildren(img);
    }
  });
}

window.addEventListener("load", () => enhancePhotoPicker());
