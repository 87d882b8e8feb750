-- Fragments are data: images must be local files inside the project, and
-- nothing is ever fetched. An image that is a URL, an absolute path, or a path
-- that climbs out of the project is replaced by a visible note before the docx
-- writer could try to read or download it.
local root, dir

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

local function allowed(src)
  if src:match("^%a[%w+.-]*:") or src:sub(1, 1) == "/" or src:sub(1, 1) == "\\" then
    return false
  end
  local full = resolve(dir, src)
  return full ~= nil and full:sub(1, #root + 1) == root .. "/"
end

function Meta(meta)
  root = pandoc.utils.stringify(meta.mp_root or "")
  dir = pandoc.utils.stringify(meta.mp_dir or "")
  meta.mp_root = nil
  meta.mp_dir = nil
  return meta
end

function Image(img)
  if not allowed(img.src) then
    return pandoc.Emph({ pandoc.Str("[gambar tidak dimuat: " .. img.src .. "]") })
  end
end

function RawBlock(el) return {} end
function RawInline(el) return {} end

return { { Meta = Meta }, { Image = Image, RawBlock = RawBlock, RawInline = RawInline } }
