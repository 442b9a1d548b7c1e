// Long member lists: typing part of a name narrows the list to the names that hold it.
// A file of its own: the Content-Security-Policy refuses inline scripts.
for (const search of document.querySelectorAll("input.chooser-search")) {
  const list = document.getElementById(search.dataset.for);
  search.addEventListener("input", () => {
    const wanted = search.value.trim().toLocaleLowerCase();
    let first = null;
    for (const option of list.options) {
      const fits = !option.value || option.text.toLocaleLowerCase().includes(wanted);
      option.hidden = !fits;
      if (fits && option.value && !first) first = option;
    }
    // The first name that fits is chosen, so the form is ready to send.
    if (wanted && first) list.value = first.value;
  });
}
