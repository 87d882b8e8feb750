-- Read Markdown fragments, each as a document of its own, and join them into one.
--
-- One pandoc process converts every fragment of a build (starting pandoc per
-- fragment cost more than the conversion itself). Each fragment is parsed by
-- its own pandoc.read, so footnotes, link references and heading ids never
-- leak from one fragment into the next, and an unclosed fence or div cannot
-- swallow the fragments after it.
--
-- Fragments are data: images must be local files inside the project, and
-- nothing is ever fetched. An image that is a URL, an absolute path, or a path
-- that climbs out of the project is replaced by a visible note before the docx
-- writer could try to read or download it; an allowed image gets its absolute
-- path, since fragments live in different folders. Raw blocks are dropped.
--
-- Metadata (from the command line):
--   mp_root      the project folder
--   mp_manifest  a file with one line per fragment: "<fragment folder, %-quoted>\t<body file>"
--   mp_marker    when set, each fragment is preceded by a marker paragraph in the
--                style MPFragmentMarker whose text is "<mp_marker> <index>"; the
--                marker is a per-build secret, so fragment text cannot forge one.
local FORMAT = "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-yaml_metadata_block"

local function resolve(base, rel)
  local parts = {}
  for seg in (base .. "/" .. rel):gmatch("[^/]+") do
    if seg == ".." then
      if #parts == 0 then return nil end
      table.remove(parts)
    elseif seg ~= "." then
      table.insert(parts, seg)
    end
  end
  return "/" .. table.concat(parts, "/")
end

local function guard(root, dir)
  return {
    Image = function(img)
      local src = img.src
      local full = nil
      if not (src:match("^%a[%w+.-]*:") or src:sub(1, 1) == "/" or src:sub(1, 1) == "\\") then
        full = resolve(dir, src)
      end
      if full == nil or full:sub(1, #root + 1) ~= root .. "/" then
        return pandoc.Emph({ pandoc.Str("[gambar tidak dimuat: " .. src .. "]") })
      end
      img.src = full
      return img
    end,
    RawBlock = function(_) return {} end,
    RawInline = function(_) return {} end,
  }
end

local function marker(text)
  return pandoc.RawBlock("openxml", '<w:p><w:pPr><w:pStyle w:val="MPFragmentMarker"/></w:pPr>'
    .. '<w:r><w:t xml:space="preserve">' .. text .. '</w:t></w:r></w:p>')
end

function Pandoc(doc)
  local meta = doc.meta
  local root = pandoc.utils.stringify(meta.mp_root or "")
  local secret = pandoc.utils.stringify(meta.mp_marker or "")
  local blocks = {}
  local index = 0
  for line in io.lines(pandoc.utils.stringify(meta.mp_manifest or "")) do
    local quoted, file = line:match("^(.-)\t(.*)$")
    local dir = quoted:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
    local fh = assert(io.open(file, "r"))
    local text = fh:read("a")
    fh:close()
    local frag = pandoc.read(text, FORMAT, PANDOC_READER_OPTIONS):walk(guard(root, dir))
    if secret ~= "" then
      table.insert(blocks, marker(secret .. " " .. index))
    end
    for _, b in ipairs(frag.blocks) do
      table.insert(blocks, b)
    end
    index = index + 1
  end
  return pandoc.Pandoc(blocks, pandoc.Meta({}))
end
