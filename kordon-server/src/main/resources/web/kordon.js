// The dashboard's only script: submit the finding filters when a choice changes.
// Everything works without it (the form has a Filter button).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  form.querySelectorAll("select").forEach(function (select) {
    select.addEventListener("change", function () {
      form.submit();
    });
  });
});
