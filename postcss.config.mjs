// Tailwind CSS v4 through PostCSS.
export default { plugins: { '@tailwindcss/postcss': {} } };
