# Renders the Shopify kit with the Liquid that Debian packages (ruby-liquid: Shopify's own Liquid,
# installed by scripts/setup.sh), on objects shaped like Shopify's documented ones, for
# e2e/shopify.test.mjs: a theme page with snippets/patron-session.liquid and one
# sections/patron-widget.liquid per widget.
#
#   ruby kits/shopify/test/render.rb < FIXTURE.json > page.html
#
# FIXTURE.json: { "globals": { "customer", "cart", "request" }, "sections": [{ "id", "settings" }] }.
#
# The open-source Liquid lacks the tags and filters Shopify adds for themes. The kit uses four; each
# is registered here with the semantics Shopify documents, and no more:
# - `json` (shopify.dev/docs/api/liquid/filters/json): the value as JSON, quotes escaped. Shopify
#   documents nothing about `<`, `>` or `&`, so none is escaped here: the snippet must escape them
#   itself, and the test checks that it does.
# - `asset_url`: a theme asset's URL on Shopify's CDN; here the demo server's files.
# - `paginate` (shopify.dev/docs/api/liquid/tags/paginate): inside the block, the collection holds
#   one page of at most N items (the first page).
# - `schema`: the section's settings for the theme editor; renders nothing.
require "json"
require "liquid"

module ShopifyFilters
  def json(input)
    JSON.generate(input, quirks_mode: true)
  end

  ASSETS = {
    "patron.js" => "/pkg/patron.js",
    "patron-config.json" => "/configs/consumer.json",
    "patron-model.ptrm" => "/demo/model.ptrm",
  }.freeze

  def asset_url(input)
    ASSETS.fetch(input) { "/assets/#{input}" }
  end
end

class Paginate < Liquid::Block
  SYNTAX = /\A\s*([\w.]+)\s+by\s+(\d+)\s*\z/

  def initialize(tag_name, markup, options)
    super
    match = SYNTAX.match(markup) or raise Liquid::SyntaxError, "paginate: expected `collection by N`, got #{markup}"
    @path = match[1].split(".")
    @per_page = match[2].to_i
  end

  def render_to_output_buffer(context, output)
    owner = context[@path[0...-1].join(".")]
    items = owner && owner[@path.last]
    context.stack do
      if owner.is_a?(Hash) && items.is_a?(Array)
        context[@path.first] = replace_in(context[@path.first], @path.drop(1), items.first(@per_page))
      end
      super
    end
  end

  private

  # A copy of `object` with the array at `path` replaced by `page`.
  def replace_in(object, path, page)
    return page if path.empty?
    object.merge(path.first => replace_in(object[path.first], path.drop(1), page))
  end
end

class Schema < Liquid::Raw
  def render_to_output_buffer(_context, output)
    output
  end
end

# Shopify's snippets/ folder: names with hyphens, which Liquid's LocalFileSystem refuses.
class Snippets
  def initialize(dir)
    @dir = dir
  end

  def read_template_file(name)
    raise Liquid::FileSystemError, "no snippet #{name}" unless name.match?(/\A[\w-]+\z/)
    File.read(File.join(@dir, "#{name}.liquid"))
  end
end

Liquid::Template.register_filter(ShopifyFilters)
Liquid::Template.register_tag("paginate", Paginate)
Liquid::Template.register_tag("schema", Schema)

kit = File.expand_path("..", __dir__)
fixture = JSON.parse($stdin.read)
globals = fixture.fetch("globals")
file_system = Snippets.new(File.join(kit, "snippets"))

render = lambda do |source, locals = {}|
  template = Liquid::Template.parse(source, error_mode: :strict)
  context = Liquid::Context.build(
    static_environments: globals,
    environments: [locals],
    registers: { file_system: file_system },
    rethrow_errors: true,
  )
  template.render!(context)
end

section = File.read(File.join(kit, "sections", "patron-widget.liquid"))
widgets = fixture.fetch("sections").map { |s| render.call(section, "section" => s) }.join("\n")
session = render.call("{% render 'patron-session' %}")

puts <<~HTML
  <!doctype html>
  <html lang="#{globals.dig("request", "locale", "iso_code")}">
  <head><meta charset="utf-8"><title>A Shopify theme with Patron</title></head>
  <body>
  #{widgets}
  <p id="after">the theme goes on</p>
  #{session}
  </body>
  </html>
HTML
