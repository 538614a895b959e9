// The story body's own elements in the editor (django-prose-editor, TipTap):
// an inline photo from the library, a captioned table, a pull quote and a
// fact box. Each renders exactly the HTML articles/body.py describes; the
// server sanitizes whatever arrives, so these only make it easy to write.
import {
  Extension,
  Node,
  mergeAttributes,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const PICKER_URL = "/admin/articles/photo/picker/"
const thumbnail = (id) => `/admin/articles/photo/${id}/thumbnail/`

// Insert after a selected element rather than in its place (an element just
// inserted is selected).
function insertBlock(editor, content) {
  const { selection } = editor.state
  const chain = editor.chain().focus()
  if (selection.node) chain.insertContentAt(selection.to, content)
  else chain.insertContent(content)
  chain.run()
}

function data(name) {
  return {
    default: "",
    parseHTML: (element) => element.getAttribute(`data-${name}`) || "",
    renderHTML: (attributes) =>
      attributes[name] ? { [`data-${name}`]: attributes[name] } : {},
  }
}

function text(element, selector) {
  const found = element.querySelector(selector)
  return found ? found.textContent.trim() : ""
}

// The picker window posts the photo chosen; fill the dialog with it.
function openPicker({ input }) {
  const dialog = input.closest("dialog")
  const listen = (event) => {
    if (event.origin !== window.location.origin) return
    if (!event.data || event.data.type !== "newsroom:photo") return
    window.removeEventListener("message", listen)
    const photo = event.data.photo
    input.value = photo.id
    for (const name of ["alt", "caption", "credit"]) {
      const field = dialog.querySelector(`[name=${name}]`)
      if (field && !field.value) field.value = photo[name] || ""
    }
  }
  window.addEventListener("message", listen)
  window.open(PICKER_URL, "newsroom-photo-picker", "width=960,height=720")
}

const photoFields = {
  photo: {
    type: "string",
    title: "Photo",
    description: "Choose one from the library, or upload one there.",
    required: true,
    picker: { label: "Choose a photo…", handler: openPicker },
  },
  alt: {
    type: "string",
    title: "Alt text",
    description: "What the photo shows, for readers who cannot see it.",
  },
  caption: { type: "string", title: "Caption", format: "textarea" },
  credit: { type: "string", title: "Credit" },
  ratio: {
    type: "string",
    title: "Crop",
    enum: ["original", "16:9", "4:3", "1:1"],
  },
}

function editPhoto(editor, attrs = {}) {
  return updateAttrsDialog(photoFields, {
    title: attrs.photo ? "Edit the photo" : "Insert a photo",
    submitText: attrs.photo ? "Update" : "Insert",
  })(editor, { ratio: "original", ...attrs }).then((values) => {
    if (!values || !/^\d+$/.test(String(values.photo).trim())) return
    values.photo = String(values.photo).trim()
    if (attrs.photo) {
      editor.chain().focus().updateAttributes("storyPhoto", values).run()
    } else {
      insertBlock(editor, { type: "storyPhoto", attrs: values })
    }
  })
}

export const StoryPhoto = Node.create({
  name: "storyPhoto",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      photo: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-photo"),
        renderHTML: (attributes) => ({ "data-photo": attributes.photo }),
      },
      ratio: {
        default: "original",
        parseHTML: (element) => element.getAttribute("data-ratio") || "original",
        renderHTML: (attributes) => ({ "data-ratio": attributes.ratio }),
      },
      alt: data("alt"),
      credit: data("credit"),
      caption: {
        default: "",
        parseHTML: (element) => text(element, "figcaption"),
        renderHTML: () => ({}),
      },
    }
  },
  parseHTML() {
    return [{ tag: "figure.story-photo" }]
  },
  renderHTML({ node, HTMLAttributes }) {
    const attributes = mergeAttributes({ class: "story-photo" }, HTMLAttributes)
    return node.attrs.caption
      ? ["figure", attributes, ["figcaption", {}, node.attrs.caption]]
      : ["figure", attributes]
  },
  addNodeView() {
    return ({ node, editor }) => {
      const dom = document.createElement("figure")
      dom.className = "story-photo"
      const image = document.createElement("img")
      const caption = document.createElement("figcaption")
      dom.append(image, caption)
      const show = (current) => {
        image.src = thumbnail(current.attrs.photo)
        image.alt = current.attrs.alt
        caption.textContent = [current.attrs.caption, current.attrs.credit]
          .filter(Boolean)
          .join(" · ")
      }
      show(node)
      dom.title = "Double-click to edit the photo"
      dom.addEventListener("dblclick", () => editPhoto(editor, node.attrs))
      return {
        dom,
        update(updated) {
          if (updated.type.name !== "storyPhoto") return false
          node = updated
          show(updated)
          return true
        },
      }
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "storyPhoto",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", "Photo from the library"),
      command(editor) {
        const selected = editor.isActive("storyPhoto")
        editPhoto(editor, selected ? editor.getAttributes("storyPhoto") : {})
      },
      active: (editor) => editor.isActive("storyPhoto"),
    })
  },
})

function emptyTable(rows, columns) {
  const cell = (type) => ({ type, content: [{ type: "paragraph" }] })
  return {
    type: "table",
    content: Array.from({ length: rows }, (_, row) => ({
      type: "tableRow",
      content: Array.from({ length: columns }, () =>
        cell(row === 0 ? "tableHeader" : "tableCell"),
      ),
    })),
  }
}

export const StoryTable = Node.create({
  name: "storyTable",
  group: "block",
  content: "table caption?",
  isolating: true,
  draggable: true,
  parseHTML() {
    return [{ tag: "figure.story-table" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes({ class: "story-table" }, HTMLAttributes), 0]
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "storyTable",
      groups: "nodes",
      button: buttons.material("table_chart", "Table with a header row"),
      command(editor) {
        updateAttrsDialog(
          {
            rows: { type: "string", title: "Rows (with the header row)", format: "number", min: 2, max: 50 },
            columns: { type: "string", title: "Columns", format: "number", min: 1, max: 12 },
            caption: { type: "string", title: "Caption (what the table shows)" },
          },
          { title: "Insert a table", submitText: "Insert" },
        )(editor, { rows: "3", columns: "3", caption: "" }).then((values) => {
          if (!values) return
          const rows = Math.min(50, Math.max(2, Number.parseInt(values.rows, 10) || 3))
          const columns = Math.min(12, Math.max(1, Number.parseInt(values.columns, 10) || 3))
          const content = [emptyTable(rows, columns)]
          if (values.caption.trim()) {
            content.push({ type: "caption", content: [{ type: "text", text: values.caption.trim() }] })
          }
          insertBlock(editor, { type: "storyTable", content })
        })
      },
    })
  },
})

function quoteDialog(editor, attrs = {}) {
  return updateAttrsDialog(
    {
      text: { type: "string", title: "Quote", format: "textarea", required: true },
      attribution: { type: "string", title: "Who said it" },
    },
    { title: "Pull quote", submitText: attrs.text ? "Update" : "Insert" },
  )(editor, attrs).then((values) => {
    if (!values || !values.text.trim()) return
    if (attrs.text) editor.chain().focus().updateAttributes("pullQuote", values).run()
    else insertBlock(editor, { type: "pullQuote", attrs: values })
  })
}

export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      text: { default: "", parseHTML: (element) => text(element, "blockquote"), renderHTML: () => ({}) },
      attribution: { default: "", parseHTML: (element) => text(element, "figcaption"), renderHTML: () => ({}) },
    }
  },
  parseHTML() {
    return [{ tag: "figure.pull-quote" }]
  },
  renderHTML({ node }) {
    const parts = ["figure", { class: "pull-quote" }, ["blockquote", {}, ["p", {}, node.attrs.text]]]
    if (node.attrs.attribution) parts.push(["figcaption", {}, node.attrs.attribution])
    return parts
  },
  addNodeView() {
    return ({ node, editor }) => {
      const dom = document.createElement("figure")
      dom.className = "pull-quote"
      dom.title = "Double-click to edit the quote"
      const quote = document.createElement("blockquote")
      const who = document.createElement("figcaption")
      dom.append(quote, who)
      const show = (current) => {
        quote.textContent = current.attrs.text
        who.textContent = current.attrs.attribution
      }
      show(node)
      dom.addEventListener("dblclick", () => quoteDialog(editor, node.attrs))
      return { dom, update: (updated) => updated.type.name === "pullQuote" && (node = updated, show(updated), true) }
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "pullQuote",
      groups: "nodes",
      button: buttons.material("format_quote", "Pull quote"),
      command(editor) {
        quoteDialog(editor, editor.isActive("pullQuote") ? editor.getAttributes("pullQuote") : {})
      },
    })
  },
})

function factDialog(editor, attrs = {}) {
  const initial = { title: attrs.title || "", items: (attrs.items || []).join("\n"), kind: attrs.kind || "list" }
  return updateAttrsDialog(
    {
      title: { type: "string", title: "Title", required: true },
      items: { type: "string", title: "Facts, one per line", format: "textarea", required: true },
      kind: { type: "string", title: "Shown as", enum: ["list", "paragraphs"] },
    },
    { title: "Fact box", submitText: attrs.title ? "Update" : "Insert" },
  )(editor, initial).then((values) => {
    if (!values) return
    const items = values.items.split("\n").map((item) => item.trim()).filter(Boolean)
    if (!values.title.trim() || !items.length) return
    const next = { title: values.title.trim(), items, kind: values.kind }
    if (attrs.title) editor.chain().focus().updateAttributes("factBox", next).run()
    else insertBlock(editor, { type: "factBox", attrs: next })
  })
}

export const FactBox = Node.create({
  name: "factBox",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      title: { default: "", parseHTML: (element) => text(element, "p.fact-box-title"), renderHTML: () => ({}) },
      items: {
        default: [],
        parseHTML: (element) =>
          Array.from(element.querySelectorAll("li, p:not(.fact-box-title)"))
            .filter((item) => !item.closest("li") || item.tagName === "LI")
            .map((item) => item.textContent.trim())
            .filter(Boolean),
        renderHTML: () => ({}),
      },
      kind: {
        default: "list",
        parseHTML: (element) => (element.querySelector("ul") ? "list" : "paragraphs"),
        renderHTML: () => ({}),
      },
    }
  },
  parseHTML() {
    return [{ tag: "aside.fact-box" }]
  },
  renderHTML({ node }) {
    const { title, items, kind } = node.attrs
    const entries =
      kind === "list"
        ? [["ul", {}, ...items.map((item) => ["li", {}, ["p", {}, item]])]]
        : items.map((item) => ["p", {}, item])
    return ["aside", { class: "fact-box" }, ["p", { class: "fact-box-title" }, title], ...entries]
  },
  addNodeView() {
    return ({ node, editor }) => {
      const dom = document.createElement("aside")
      dom.className = "fact-box"
      dom.title = "Double-click to edit the fact box"
      const show = (current) => {
        dom.replaceChildren()
        const title = document.createElement("strong")
        title.textContent = current.attrs.title
        const list = document.createElement(current.attrs.kind === "list" ? "ul" : "div")
        for (const item of current.attrs.items) {
          const entry = document.createElement(current.attrs.kind === "list" ? "li" : "p")
          entry.textContent = item
          list.append(entry)
        }
        dom.append(title, list)
      }
      show(node)
      dom.addEventListener("dblclick", () => factDialog(editor, node.attrs))
      return { dom, update: (updated) => updated.type.name === "factBox" && (node = updated, show(updated), true) }
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "factBox",
      groups: "nodes",
      button: buttons.material("fact_check", "Fact box"),
      command(editor) {
        factDialog(editor, editor.isActive("factBox") ? editor.getAttributes("factBox") : {})
      },
    })
  },
})

// Links to our stories are found by their address on the server (the id is
// added there on every save): nothing to do in the browser.
export const StoryLinks = Extension.create({ name: "storyLinks" })
