/* Progressive enhancement of the report form's region select.
 *
 * Without JavaScript the select lists the provinces, then one province's cities and
 * counties (enforcement/region_steps.py). With it, the select is filled from the full list
 * of every province, city and county kept in the <template> next to it, hidden, and three
 * linked selects (province → city → county) fill it in. Each optgroup's first option is
 * the province or city itself.
 */
(function () {
  "use strict";

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  function makeSelect(id, label, wrapper) {
    var step = document.createElement("span"), l = document.createElement("label");
    var s = document.createElement("select");
    step.className = "region-step";
    l.htmlFor = id;
    l.textContent = label;
    s.id = id;
    step.appendChild(l);
    step.appendChild(s);
    wrapper.appendChild(step);
    return s;
  }

  function fill(select, items, placeholder, selected) {
    select.innerHTML = "";
    select.appendChild(option("", placeholder));
    items.forEach(function (item) {
      var o = option(item.code, item.name);
      if (item.code === selected) { o.selected = true; }
      select.appendChild(o);
    });
    select.disabled = items.length === 0;
  }

  function readTree(original) {
    var provinces = [], byCode = {};
    Array.prototype.forEach.call(original.querySelectorAll("optgroup"), function (group) {
      var options = group.querySelectorAll("option"), head = options[0];
      var node = { code: head.value, name: group.label.split(" · ").pop(), children: [] };
      if (head.value.slice(2) === "0000") {
        provinces.push(node);
      } else {
        byCode[head.value.slice(0, 2) + "0000"].children.push(node);
        Array.prototype.slice.call(options, 1).forEach(function (o) {
          node.children.push({ code: o.value, name: o.textContent });
        });
      }
      byCode[head.value] = node;
    });
    return { provinces: provinces, byCode: byCode };
  }

  function fillFromTemplate(original) {
    var all = document.getElementById(original.id + "-all"), current = original.value;
    if (!all) { return; }
    var placeholder = original.querySelector("option[value='']");
    original.innerHTML = "";
    original.appendChild(placeholder || option("", ""));
    original.appendChild(all.content.cloneNode(true));
    original.value = current;
  }

  function existing(ids) {
    return ids.split(/\s+/).filter(function (id) { return document.getElementById(id); }).join(" ");
  }

  function enhance(original) {
    fillFromTemplate(original);
    var tree = readTree(original), field = original.closest(".field");
    var mainLabel = field.querySelector("label[for='" + original.id + "']");
    var wrapper = document.createElement("fieldset"), legend = document.createElement("legend");
    wrapper.className = "region-steps";
    legend.textContent = mainLabel.textContent;
    wrapper.appendChild(legend);
    var province = makeSelect("region-province", original.dataset.provinceLabel, wrapper);
    var city = makeSelect("region-city", original.dataset.cityLabel, wrapper);
    var county = makeSelect("region-county", original.dataset.countyLabel, wrapper);
    var current = original.value;

    function children(code) { return code ? tree.byCode[code].children : []; }
    function sync() { original.value = county.value || city.value || province.value; }

    province.addEventListener("change", function () {
      fill(city, children(province.value), original.dataset.anyCity, "");
      fill(county, [], original.dataset.anyCounty, "");
      sync();
    });
    city.addEventListener("change", function () {
      fill(county, children(city.value), original.dataset.anyCounty, "");
      sync();
    });
    county.addEventListener("change", sync);

    var p = current ? current.slice(0, 2) + "0000" : "", c = current ? current.slice(0, 4) + "00" : "";
    fill(province, tree.provinces, original.dataset.anyProvince, p);
    fill(city, children(p), original.dataset.anyCity, c);
    fill(county, children(tree.byCode[c] ? c : ""), original.dataset.anyCounty, current);
    // The hidden select's help, error and invalid state belong to the visible one now,
    // and the error summary's link leads there.
    if (original.hasAttribute("aria-describedby")) {
      province.setAttribute("aria-describedby", existing(original.getAttribute("aria-describedby")));
    }
    if (original.hasAttribute("aria-invalid")) {
      province.setAttribute("aria-invalid", original.getAttribute("aria-invalid"));
    }
    document.querySelectorAll("a[href='#" + original.id + "']").forEach(function (link) {
      link.setAttribute("href", "#region-province");
    });
    original.hidden = true;
    mainLabel.hidden = true;
    original.parentNode.insertBefore(wrapper, original);
  }

  document.querySelectorAll("select[data-region-picker]").forEach(enhance);
})();
