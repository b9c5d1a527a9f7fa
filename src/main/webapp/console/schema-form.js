// A form from a JSON Schema object (a tool's inputSchema, an elicitation's requestedSchema, prompt arguments):
// strings, numbers, integers, booleans and enums get their own input; objects, arrays and anything else a JSON
// textarea. read() returns the object to send (empty optional fields are left out).

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "className") e.className = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children);
  return e;
}

/** The one type of a property: the first non-null of a type list; enums and consts are "enum". */
function kindOf(s) {
  const options = enumOptions(s);
  if (options) return "enum";
  const t = Array.isArray(s.type) ? s.type.find(x => x !== "null") : s.type;
  return ["string", "number", "integer", "boolean"].includes(t) ? t : "json";
}

/** [{value, label}] of an enum, or of a oneOf/anyOf of consts (titled enums), else null. */
function enumOptions(s) {
  if (Array.isArray(s.enum)) {
    const names = Array.isArray(s.enumNames) ? s.enumNames : [];
    return s.enum.map((v, i) => ({ value: v, label: names[i] ?? String(v) }));
  }
  const list = s.oneOf ?? s.anyOf;
  if (Array.isArray(list) && list.length && list.every(o => o && "const" in o)) {
    return list.map(o => ({ value: o.const, label: o.title ?? String(o.const) }));
  }
  return null;
}

/**
 * Renders the fields of `schema` into `container` (replacing what was there).
 * @returns {{read: () => object}} read() throws an Error naming the field when a value cannot be read
 */
export function renderForm(container, schema, { idPrefix = "f" } = {}) {
  container.replaceChildren();
  const props = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  const readers = [];
  const names = Object.keys(props);
  if (!names.length) {
    container.append(el("p", { className: "hint", text: "No arguments." }));
  }
  for (const name of names) {
    const s = props[name] ?? {};
    const kind = kindOf(s);
    const id = `${idPrefix}-${name}`;
    const mandatory = required.has(name);
    const label = el("label", { for: id }, el("span", { className: "name", text: s.title ?? name }),
      mandatory ? el("span", { className: "required", text: " *" }) : "",
      el("span", { className: "type", text: ` ${kind === "json" ? (s.type ?? "json") : kind}` }));
    const row = el("div", { className: "field" }, label);
    let input;
    let read;
    if (kind === "enum") {
      const options = enumOptions(s);
      input = el("select", { id, name });
      if (!mandatory || s.default === undefined) input.append(el("option", { value: "", text: "" }));
      options.forEach((o, i) => input.append(el("option", { value: String(i), text: o.label })));
      const d = options.findIndex(o => o.value === s.default);
      if (d >= 0) input.value = String(d);
      read = () => input.value === "" ? undefined : options[Number(input.value)].value;
    } else if (kind === "boolean" && mandatory) {
      input = el("input", { id, name, type: "checkbox", checked: s.default === true });
      read = () => input.checked;
    } else if (kind === "boolean") {
      input = el("select", { id, name },
        el("option", { value: "", text: "" }), el("option", { value: "true", text: "true" }),
        el("option", { value: "false", text: "false" }));
      if (typeof s.default === "boolean") input.value = String(s.default);
      read = () => input.value === "" ? undefined : input.value === "true";
    } else if (kind === "number" || kind === "integer") {
      input = el("input", { id, name, type: "number", step: kind === "integer" ? "1" : "any",
        min: s.minimum, max: s.maximum, value: s.default });
      read = () => {
        if (input.value.trim() === "") return undefined;
        const n = Number(input.value);
        if (Number.isNaN(n) || (kind === "integer" && !Number.isInteger(n))) throw new Error(`${name}: not ${kind === "integer" ? "an integer" : "a number"}`);
        return n;
      };
    } else if (kind === "string") {
      const long = (s.maxLength ?? 0) > 200 || s.format === "textarea";
      input = long ? el("textarea", { id, name, rows: 4 }) : el("input", { id, name, type: "text",
        placeholder: s.format ?? "" });
      if (typeof s.default === "string") input.value = s.default;
      read = () => input.value === "" && !mandatory ? undefined : input.value;
    } else {
      input = el("textarea", { id, name, rows: 4, className: "json", placeholder: "JSON" });
      if (s.default !== undefined) input.value = JSON.stringify(s.default, null, 2);
      read = () => {
        if (input.value.trim() === "") return undefined;
        try {
          return JSON.parse(input.value);
        } catch {
          throw new Error(`${name}: not valid JSON`);
        }
      };
    }
    row.append(input);
    if (s.description) row.append(el("div", { className: "hint", text: s.description }));
    container.append(row);
    readers.push([name, read]);
  }
  return {
    read() {
      const out = {};
      for (const [name, read] of readers) {
        const v = read();
        if (v !== undefined) out[name] = v;
      }
      return out;
    },
  };
}

export { el };
