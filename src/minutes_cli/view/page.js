// minutes view: each record and its source lines, linked both ways; the search box.
"use strict";
const query = document.getElementById("q");
const found = document.getElementById("found");
const records = [...document.querySelectorAll("article")];

function line(number) {
  return document.getElementById("L" + number);
}

// Highlight a record and its lines, and bring the first line into view.
function show(record) {
  document.querySelectorAll(".hl").forEach((el) => el.classList.remove("hl"));
  const start = Number(record.dataset.start);
  const end = Number(record.dataset.end);
  for (let n = start; n <= end; n++) {
    const li = line(n);
    if (li) li.classList.add("hl");
  }
  record.classList.add("hl");
  const first = line(start);
  if (first) first.scrollIntoView({ block: "center" });
}

// Clicking a record (not one of its links) shows its lines.
records.forEach((record) =>
  record.addEventListener("click", (event) => {
    if (event.target.tagName !== "A") show(record);
  })
);

// A line number leads to its record.
document.querySelectorAll("#source li[data-r] > a").forEach((link) =>
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const record = document.getElementById(link.parentNode.dataset.r);
    record.scrollIntoView({ block: "center" });
    show(record);
  })
);

// A record's span, an entry of the contents or a diagnostic leads to its lines.
document.querySelectorAll("article .meta a, #contents a, #diagnostics a").forEach((link) =>
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const li = line(link.getAttribute("href").slice(2));
    if (!li) return;
    li.scrollIntoView({ block: "center" });
    const record = li.dataset.r && document.getElementById(li.dataset.r);
    if (record) {
      record.scrollIntoView({ block: "center" });
      show(record);
    }
  })
);

// The search box keeps the records that contain what is typed.
query.addEventListener("input", () => {
  const wanted = query.value.trim().toLowerCase();
  let shown = 0;
  records.forEach((record) => {
    const hit = !wanted || record.textContent.toLowerCase().includes(wanted);
    record.hidden = !hit;
    if (hit) shown++;
  });
  found.textContent = wanted ? `${shown} of ${records.length} records` : "";
});
