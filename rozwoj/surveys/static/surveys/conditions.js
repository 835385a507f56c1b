/* Shows and hides the questions of a questionnaire as the respondent answers: the same rules as
   rozwoj/surveys/conditions.py (which decides again on the server). A hidden question's fieldset is disabled,
   so its answer is not sent; the server discards it anyway. Without JavaScript the page offers a button that
   asks the server which questions apply. */
(function () {
  "use strict";

  function isEmpty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  }

  function toNumber(value) {
    if (typeof value === "boolean") { return value ? 1 : 0; }
    if (typeof value === "number") { return value; }
    if (typeof value === "string" && value.trim() !== "" && !isNaN(Number(value))) { return Number(value); }
    return value; // dates compare as ISO strings
  }

  function rule(condition, answers) {
    var answer = answers[condition.question];
    if (isEmpty(answer)) { return false; }
    if (condition.op === "equals") {
      if (typeof answer === "number") { return toNumber(condition.value) === answer; }
      return answer === condition.value;
    }
    if (condition.op === "includes") {
      var wanted = Array.isArray(condition.value) ? condition.value : [condition.value];
      var items = Array.isArray(answer) ? answer :
        (typeof answer === "object" ? Object.keys(answer).map(function (k) { return answer[k]; }) : [answer]);
      return items.some(function (item) { return wanted.indexOf(item) !== -1; });
    }
    if (condition.op === "between") {
      var value = toNumber(answer);
      var low = condition.min === null || condition.min === undefined ? null : toNumber(condition.min);
      var high = condition.max === null || condition.max === undefined ? null : toNumber(condition.max);
      if (typeof value !== typeof (low === null ? value : low) || typeof value !== typeof (high === null ? value : high)) {
        return false;
      }
      return (low === null || value >= low) && (high === null || value <= high);
    }
    return false;
  }

  function evaluate(condition, answers) {
    if (!condition || Object.keys(condition).length === 0) { return true; }
    if (condition.all) { return condition.all.every(function (part) { return evaluate(part, answers); }); }
    if (condition.any) { return condition.any.some(function (part) { return evaluate(part, answers); }); }
    return rule(condition, answers);
  }

  function answerOf(form, fieldset) {
    var code = fieldset.dataset.code;
    var kind = fieldset.dataset.kind;
    var name = "q-" + code;
    var checked = function (n) {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + n + '"]:checked'), function (el) { return el.value; });
    };
    var single = function (n) { var el = form.querySelector('[name="' + n + '"]'); return el ? el.value.trim() : ""; };
    if (kind === "single") { return checked(name)[0]; }
    if (kind === "multiple") { return checked(name); }
    if (kind === "likert") { var point = checked(name)[0]; return point ? Number(point) : undefined; }
    if (kind === "yes_no") { var yn = checked(name)[0]; return yn === undefined ? undefined : yn === "yes"; }
    if (kind === "number") {
      var raw = single(name).replace(",", ".");
      return raw === "" || isNaN(Number(raw)) ? undefined : Number(raw);
    }
    if (kind === "likert_matrix") {
      var rows = {};
      fieldset.querySelectorAll("input[type=radio]:checked").forEach(function (el) {
        rows[el.name.slice(name.length + 1)] = Number(el.value);
      });
      return rows;
    }
    if (kind === "ranking") {
      var ranks = [];
      fieldset.querySelectorAll("select").forEach(function (el) {
        if (el.value) { ranks.push([Number(el.value), el.name.slice(name.length + 1)]); }
      });
      ranks.sort(function (a, b) { return a[0] - b[0]; });
      return ranks.map(function (pair) { return pair[1]; });
    }
    return single(name) || undefined;
  }

  function parse(element) {
    try { return element.dataset.condition ? JSON.parse(element.dataset.condition) : {}; } catch (e) { return {}; }
  }

  function setShown(element, shown) {
    element.hidden = !shown;
    if (element.tagName === "FIELDSET") { element.disabled = !shown; }
  }

  function update(form) {
    var shownAnswers = {};
    form.querySelectorAll("[data-section]").forEach(function (section) {
      var sectionShown = evaluate(parse(section), shownAnswers);
      var anyShown = false;
      section.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
        var shown = sectionShown && evaluate(parse(fieldset), shownAnswers);
        setShown(fieldset, shown);
        if (shown) {
          anyShown = true;
          var answer = answerOf(form, fieldset);
          if (!isEmpty(answer)) { shownAnswers[fieldset.dataset.code] = answer; }
        }
      });
      section.hidden = !anyShown;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-survey-form]").forEach(function (form) {
      form.querySelectorAll(".js-hidden").forEach(function (el) { el.hidden = true; });
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
      update(form);
    });
  });
})();
