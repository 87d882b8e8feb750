-- Read Markdown fragments, each as a document of its own, and join them into one.
--
-- One pandoc process converts every fragment of a build (starting pandoc per
-- fragment cost more than the conversion itself). Each fragment is parsed by
-- its own pandoc.read, so footnotes, link references and heading ids never
-- leak from one fragment into the next, and an unclosed fence or div cannot
-- swallow the fragments after it.
--
-- Fragments are data: a picture is read only when the image guard in Python
-- (pipeline/mdimages.py: inside the project after resolving links, a regular
-- file) accepted its source; the accepted ones come in a list per fragment
-- with the file to read, and this filter puts each into pandoc's media bag.
-- pandoc runs with --sandbox, so its writer reads no file and fetches nothing
-- itself: a picture not in the bag (a URL, a path out of the project, a form
-- of reference the guard did not see) is set as its description.
--
-- Walking a fragment's whole document costs about as much as reading it, so
-- only a fragment marked "walk" is walked: one where the guard refused a
-- picture (it becomes a visible note), where the text could hold raw markup
-- (raw blocks are dropped), or whose pictures have the file name of another
-- fragment's other file (each source is then set to the file's own path). A
-- picture the guard never saw can still find another fragment's under the
-- name it is written with: the conversion (pipeline/convert.py) takes out
-- every picture whose source is not one the guard accepted for its fragment.
--
-- Metadata (from the command line):
--   mp_manifest  a file with one line per fragment:
--                "<fragment folder, %-quoted>\t<body file>\t<pictures file>\t<walk or keep>", where
--                the pictures file has a line "<source as written, %-quoted>\t<file to read, %-quoted>"
--                per picture the guard accepted
--   mp_refused   the note for a picture that is not read, with "{src}" where its source goes
--   mp_marker    when set, each fragment is preceded by a marker paragraph in the
--                style MPFragmentMarker whose text is "<mp_marker> <index>"; the
--                marker is a per-build secret, so fragment text cannot forge one.
local FORMAT = "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-yaml_metadata_block"

local function unquote(text)
  return (text:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function guard(allowed, refused)
  return {
    Image = function(img)
      local full = allowed[img.src]
      if full == nil then
        local at = refused:find("{src}", 1, true)
        return pandoc.Emph({ pandoc.Str(refused:sub(1, at - 1) .. img.src .. refused:sub(at + 5)) })
      end
      img.src = full
      return img
    end,
    RawBlock = function(_) return {} end,
    RawInline = function(_) return {} end,
  }
end

local function read_pictures(file)
  local allowed = {}
  for line in io.lines(file) do
    local src, path = line:match("^(.-)\t(.*)$")
    if src then allowed[unquote(src)] = unquote(path) end
  end
  return allowed
end

local function read_file(path)
  local fh = assert(io.open(path, "rb"))
  local data = fh:read("a")
  fh:close()
  return data
end

local bagged = {}  -- media bag name -> the file it holds
local by_file_name = {}  -- a picture's file name ("peta.png", lower case) -> the file bagged under it

-- pandoc tidies a media bag name ("./gambar/x.png" and "gambar//x.png" are "gambar/x.png"), so two
-- fragments' sources are told apart by their file names, more strictly than pandoc would: the same file
-- name for two files makes the second fragment walked, where each source becomes its file's own path.
local function file_name(src)
  return (src:match("([^/\\]*)$") or src):lower()
end

local function bag(name, path)
  if bagged[name] == nil then
    pandoc.mediabag.insert(name, nil, read_file(path))
    bagged[name] = path
  end
end

local function bag_as_written(allowed)
  for src, path in pairs(allowed) do
    local other = by_file_name[file_name(src)]
    if other ~= nil and other ~= path then
      return false
    end
  end
  for src, path in pairs(allowed) do
    by_file_name[file_name(src)] = path
    bag(src, path)
  end
  return true
end

local function marker(text)
  return pandoc.RawBlock("openxml", '<w:p><w:pPr><w:pStyle w:val="MPFragmentMarker"/></w:pPr>'
    .. '<w:r><w:t xml:space="preserve">' .. text .. '</w:t></w:r></w:p>')
end

function Pandoc(doc)
  local meta = doc.meta
  local secret = pandoc.utils.stringify(meta.mp_marker or "")
  local refused = pandoc.utils.stringify(meta.mp_refused or "{src}")
  local blocks = {}
  local index = 0
  for line in io.lines(pandoc.utils.stringify(meta.mp_manifest or "")) do
    local _, file, pictures, walk = line:match("^(.-)\t(.-)\t(.-)\t(.*)$")
    local allowed = read_pictures(pictures)
    local frag = pandoc.read(read_file(file), FORMAT, PANDOC_READER_OPTIONS)
    if walk == "walk" or not bag_as_written(allowed) then
      frag = frag:walk(guard(allowed, refused))
      for _, path in pairs(allowed) do
        bag(path, path)
      end
    end
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
